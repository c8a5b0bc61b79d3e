package dev.paperclub.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A button's custom id: {@code action|arg|arg…}, at most 100 characters, carrying the state
 * the press needs. The action is a {@link ButtonAction}, written as its code. Arguments may not
 * contain {@code |}; {@link #parse} rejects anything malformed or any action it does not know,
 * so forged ids fail cleanly.
 */
public record ButtonId(ButtonAction action, List<String> args) {
    public static final int MAX_LENGTH = 100;
    private static final Pattern ARG = Pattern.compile("[^|\\p{Cntrl}]{0,100}");

    public ButtonId {
        Objects.requireNonNull(action, "action");
        args = List.copyOf(args);
    }

    public static ButtonId of(ButtonAction action, Object... args) {
        return new ButtonId(action, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** Encodes; throws when the id would be malformed or longer than Discord allows. */
    public String encode() {
        StringBuilder b = new StringBuilder(action.code());
        for (String a : args) {
            if (!ARG.matcher(a).matches()) throw new IllegalArgumentException("bad button argument");
            b.append('|').append(a);
        }
        if (b.length() > MAX_LENGTH) throw new IllegalArgumentException("button id over " + MAX_LENGTH + " characters");
        return b.toString();
    }

    /** Whether the encoding fits Discord's limit. */
    public boolean fits() {
        try {
            encode();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Optional<ButtonId> parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) return Optional.empty();
        String[] parts = raw.split("\\|", -1);
        Optional<ButtonAction> action = ButtonAction.ofCode(parts[0]);
        if (action.isEmpty()) return Optional.empty();
        List<String> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!ARG.matcher(parts[i]).matches()) return Optional.empty();
            args.add(parts[i]);
        }
        return Optional.of(new ButtonId(action.get(), args));
    }

    /** Argument {@code i}, or a user error saying the button is broken. */
    public String arg(int i) {
        if (i >= args.size())
            throw new CommandException("This button is damaged or out of date; run the command again.");
        return args.get(i);
    }

    public int intArg(int i, int min, int max) {
        try {
            int v = Integer.parseInt(arg(i));
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new CommandException("This button is damaged or out of date; run the command again.");
        }
    }
}
