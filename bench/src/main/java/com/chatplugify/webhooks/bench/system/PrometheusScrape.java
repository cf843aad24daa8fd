package com.chatplugify.webhooks.bench.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Sums one counter over the {@code /metrics} pages of the processes of a running cluster. */
final class PrometheusScrape {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<URI> pages;

    PrometheusScrape(List<URI> pages) {
        this.pages = List.copyOf(pages);
    }

    /** The sum of every series of {@code metric} (a Prometheus name, e.g. {@code webhook_deliveries_routed_total}). */
    long sum(String metric) {
        if (pages.isEmpty()) {
            return SystemCounters.UNKNOWN;
        }
        double total = 0;
        for (URI page : pages) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                total += sum(response.body(), metric);
            } catch (IOException e) {
                return SystemCounters.UNKNOWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SystemCounters.UNKNOWN;
            }
        }
        return (long) total;
    }

    /** Sums the samples of {@code metric} in a Prometheus text page. */
    static double sum(String page, String metric) {
        double total = 0;
        for (String line : page.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            int valueStart = line.indexOf(' ', line.lastIndexOf('}') + 1);
            String[] fields = line.substring(valueStart).trim().split(" ");
            total += Double.parseDouble(fields[0]);
        }
        return total;
    }
}
