package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/webhooks tokens create|list|revoke}: the admin's workspace tokens, through the API's {@code /v1/tokens}
 * (so the API validates, stores and answers as it does for the console).
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Issue, list and revoke workspace tokens through the API (/v1/tokens), with the admin token: "
                + "api.token (WEBHOOKS_API_TOKEN), or data.dir/api-token of a standalone system."},
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand implements Runnable {

    /** Exit code of a request the API refused as invalid (400), as for a wrong option. */
    static final int REFUSED_AS_INVALID = 2;
    static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every subcommand shares: where the API is, and how a refusal is told. */
    abstract static class TokenCall implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Option(names = "--url", paramLabel = "URL",
                description = "The API's address; default http://<http.host>:<http.port> of the configuration.")
        String url;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        final Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws Exception {
            AdminApi api = AdminApi.of(config.load(System.getenv()), url);
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(api, spec.commandLine().getOut());
            } catch (AdminApi.ApiRefusal e) {
                err.println("Refused: " + e.getMessage());
                return e.status() == 400 ? REFUSED_AS_INVALID : FAILED;
            } catch (ConnectException e) {
                err.println("Cannot reach the API at " + api.baseUrl() + " (set --url, or http.port)");
                return FAILED;
            }
        }

        abstract int run(AdminApi api, PrintWriter out) throws IOException, InterruptedException;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Issue a token for one workspace; its secret is printed this once.")
    static final class Create extends TokenCall {

        @Option(names = "--workspace", required = true, paramLabel = "ID", description = "The workspace it reaches.")
        String workspaceId;

        @Option(names = "--name", required = true, paramLabel = "TEXT", description = "Who or what it is for.")
        String name;

        @Option(names = "--permission", required = true, split = ",", paramLabel = "P",
                description = "read, manage_webhooks, replay; repeat the option or separate them with commas.")
        List<String> permissions = new ArrayList<>();

        @Option(names = "--expires", paramLabel = "T",
                description = "When it stops working: ISO-8601 (2030-01-15T10:30:00Z) or a duration from now (90d).")
        String expires;

        @Override
        int run(AdminApi api, PrintWriter out) throws IOException, InterruptedException {
            ObjectNode body = Json.mapper().createObjectNode().put("name", name).put("workspaceId", workspaceId);
            permissions.forEach(body.putArray("permissions")::add);
            if (expires != null) {
                body.put("expiresAt", expiresAt().toString());
            }
            JsonNode issued = api.post("/v1/tokens", body);
            TokenText.print(out, issued);
            out.println("token:       " + issued.get("token").asText());
            out.println("Store the token now: it is shown this once, and kept only as a hash.");
            return 0;
        }

        private Instant expiresAt() {
            try {
                return TimeArgument.parseAhead(expires, clock);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expires: " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens, never their secrets.")
    static final class ListTokens extends TokenCall {

        @Option(names = "--workspace", paramLabel = "ID", description = "Only the tokens of this workspace.")
        String workspaceId;

        @Override
        int run(AdminApi api, PrintWriter out) throws IOException, InterruptedException {
            String workspace = FilterOption.text(spec.commandLine(), "--workspace", workspaceId);
            String query = workspace == null ? "" : "?workspaceId=" + URLEncoder.encode(workspace, StandardCharsets.UTF_8);
            JsonNode listed = api.get("/v1/tokens" + query).get("data");
            for (JsonNode token : listed) {
                TokenText.print(out, token);
                out.println();
            }
            out.println(listed.size() + " token" + (listed.size() == 1 ? "" : "s"));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: every ingest instance refuses it within api.tokens.max-staleness.")
    static final class Revoke extends TokenCall {

        @Parameters(paramLabel = "TOKEN_ID", description = "The token's id (tok_...), as list shows it.")
        String tokenId;

        @Override
        int run(AdminApi api, PrintWriter out) throws IOException, InterruptedException {
            api.delete("/v1/tokens/" + URLEncoder.encode(tokenId, StandardCharsets.UTF_8));
            out.println("Revoked " + tokenId + ": every ingest instance refuses it within api.tokens.max-staleness.");
            return 0;
        }
    }
}
