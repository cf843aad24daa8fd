package com.chatplugify.webhooks.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One target of the issue against what the run measured.
 *
 * @param met   null when the run did not measure what the target needs
 * @param basis which measurements the figure comes from
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetCheck(String target, String goal, String measured, Boolean met, String basis) {
}
