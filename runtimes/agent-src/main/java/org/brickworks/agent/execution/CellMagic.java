package org.brickworks.agent.execution;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command whose text starts with {@code %<name>}, {@code name} a language the agent runs, is a command of that
 * language whatever language it was sent in ({@code %fs ls /}, {@code %sh} with a script below), as in a notebook
 * cell; the interpreter gets the text after the magic (the rest of its line, else the lines below).
 *
 * @param language
 *            the language the command runs in
 * @param code
 *            the text the interpreter gets
 */
record CellMagic(String language, String code) {

    private static final Pattern MAGIC = Pattern.compile("^\\s*%([a-z][a-z0-9-]*)(?=\\s|$)[ \\t]*(?:\\r?\\n)?");

    /** The language and text a command sent in {@code language} runs as. */
    static CellMagic route(String language, String code, Predicate<String> known) {
        Matcher magic = MAGIC.matcher(code);
        if (magic.find() && known.test(magic.group(1))) {
            return new CellMagic(magic.group(1), code.substring(magic.end()));
        }
        return new CellMagic(language, code);
    }
}
