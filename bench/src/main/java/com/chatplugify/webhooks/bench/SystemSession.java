package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.EventDriver;
import com.chatplugify.webhooks.bench.system.SystemCounters;
import com.chatplugify.webhooks.bench.system.SystemUnderTest;

/**
 * A system under test while the bench measures it: its name in the report, its driver and the counters to read.
 *
 * @param delivers whether a deliverer runs (ours or the baseline), so probes and deliveries can arrive
 */
record SystemSession(String name, SystemUnderTest system, EventDriver driver, SystemCounters counters, boolean delivers) {
}
