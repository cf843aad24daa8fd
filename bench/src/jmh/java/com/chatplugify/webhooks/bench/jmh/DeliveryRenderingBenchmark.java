package com.chatplugify.webhooks.bench.jmh;

import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.deliverer.http.ReceiverPayload;
import com.chatplugify.webhooks.deliverer.signing.WebhookSigner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What the deliverer does to every attempt before it is sent: render the receiver's body and sign it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeliveryRenderingBenchmark {

    private static final List<String> ONE_SECRET = List.of(Samples.SECRET);
    private static final List<String> ROTATING = List.of(Samples.SECRET, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");

    private Delivery delivery;
    private byte[] body;

    @Setup
    public void setUp() {
        delivery = Samples.delivery();
        body = ReceiverPayload.of(delivery).toBytes();
    }

    @Benchmark
    public byte[] renderPayload() {
        return ReceiverPayload.of(delivery).toBytes();
    }

    @Benchmark
    public String sign() {
        return WebhookSigner.signatureHeader(ONE_SECRET, delivery.event().id(), 1_700_000_000L, body);
    }

    @Benchmark
    public String signDuringRotation() {
        return WebhookSigner.signatureHeader(ROTATING, delivery.event().id(), 1_700_000_000L, body);
    }
}
