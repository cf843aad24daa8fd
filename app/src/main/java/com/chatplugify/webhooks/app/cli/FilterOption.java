package com.chatplugify.webhooks.app.cli;

import picocli.CommandLine;

/**
 * The text of a filter option ({@code --workspace}, {@code --webhook}, ...). A blank one, as an unset shell variable
 * gives, would filter nothing and so widen the command to everything: it is refused as a usage error.
 */
final class FilterOption {

    private FilterOption() {
    }

    /** @return {@code value}, null when the option is absent */
    static String text(CommandLine commandLine, String option, String value) {
        if (value != null && value.isBlank()) {
            throw new CommandLine.ParameterException(commandLine,
                    option + " is empty: give a value, or leave the option out");
        }
        return value;
    }
}
