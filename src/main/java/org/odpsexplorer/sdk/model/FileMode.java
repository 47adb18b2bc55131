package org.odpsexplorer.sdk.model;

/**
 * An open mode as Python and PyODPS spell it: one of {@code r w a}, optionally {@code +}, optionally {@code b}
 * (text otherwise). {@code b} may stand anywhere after the first letter, so {@code r+b} and {@code rb+} are the same.
 *
 * @param base   {@code 'r'}, {@code 'w'} or {@code 'a'}
 * @param plus   {@code +}: read and write
 * @param binary {@code b}: bytes instead of text
 */
public record FileMode(char base, boolean plus, boolean binary) {
    public FileMode {
        if (base != 'r' && base != 'w' && base != 'a') {
            throw new IllegalArgumentException("mode base must be r, w or a: " + base);
        }
    }

    /**
     * Parses {@code r w a r+ w+ a+ rb wb ab r+b w+b a+b rb+ wb+ ab+}.
     *
     * @throws IllegalArgumentException for anything else, naming the accepted modes
     */
    public static FileMode parse(String mode) {
        String m = mode;
        boolean binary = false;
        int b = m.indexOf('b');
        if (b >= 0 && m.indexOf('b', b + 1) < 0) {
            binary = true;
            m = m.substring(0, b) + m.substring(b + 1);
        }
        return switch (m) {
            case "r" -> new FileMode('r', false, binary);
            case "w" -> new FileMode('w', false, binary);
            case "a" -> new FileMode('a', false, binary);
            case "r+" -> new FileMode('r', true, binary);
            case "w+" -> new FileMode('w', true, binary);
            case "a+" -> new FileMode('a', true, binary);
            default -> throw new IllegalArgumentException("invalid mode '" + mode
                    + "': expected r, w, a, r+, w+, a+, optionally with b (rb, r+b, rb+, ...)");
        };
    }

    /** Reads allowed: {@code r}, and every {@code +} mode. */
    public boolean readable() {
        return base == 'r' || plus;
    }

    /** Writes allowed: everything but plain {@code r}. */
    public boolean writable() {
        return base != 'r' || plus;
    }

    /** {@code w}/{@code w+}: start empty, without reading the server copy. */
    public boolean truncating() {
        return base == 'w';
    }

    /** {@code a}/{@code a+}: every write goes to the end, whatever the position. */
    public boolean appending() {
        return base == 'a';
    }

    /** Modes that load the existing content and so need the resource to exist: all but {@code w}/{@code w+}. */
    public boolean loadsContent() {
        return base != 'w';
    }

    /** The canonical spelling, e.g. {@code r+b}. */
    @Override
    public String toString() {
        return base + (plus ? "+" : "") + (binary ? "b" : "");
    }
}
