package dev.paperclub.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version that {@code -V/--version} prints, for the top-level command and every verb: each
 * verb's help lists the option (mixinStandardHelpOptions), so each must name this provider.
 */
public final class PaperClubVersion implements IVersionProvider {
    public static final String VERSION = "PaperClub 0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {VERSION};
    }
}
