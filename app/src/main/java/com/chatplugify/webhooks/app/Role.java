package com.chatplugify.webhooks.app;

/** The roles a process can run; standalone runs them all. */
public enum Role {
    INGEST, ROUTER, DELIVERER
}
