package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.chatplugify.webhooks.common.kafka.KafkaUnreachableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** How a command's failure is reported: an unreachable Kafka is a message and exit 1, without a stack trace. */
class WebhooksCommandFailureTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(WebhooksCommand.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    @Test
    void shouldReportAnUnreachableKafkaWithoutAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine command = WebhooksCommand.commandLine(new Failing(new KafkaUnreachableException(
                "Cannot create the topics: no answer from kafka.bootstrap.servers=127.0.0.1:1 within 30s")));
        command.setErr(new PrintWriter(err));

        assertThat(command.execute()).isEqualTo(WebhooksCommand.FAILED);

        assertThat(err.toString()).isEqualTo("Failed: Cannot create the topics: no answer from "
                + "kafka.bootstrap.servers=127.0.0.1:1 within 30s" + System.lineSeparator());
        assertThat(logged.list).isEmpty();
    }

    @Test
    void shouldLogAnUnexpectedFailureWithItsStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine command = WebhooksCommand.commandLine(new Failing(new IllegalStateException("a bug")));
        command.setErr(new PrintWriter(err));

        assertThat(command.execute()).isEqualTo(WebhooksCommand.FAILED);

        assertThat(err.toString()).contains("Failed: a bug");
        assertThat(logged.list).singleElement().satisfies(event -> assertThat(event.getThrowableProxy()).isNotNull());
    }
}
