package org.brickworks.examples.hello;

/** What the endpoint and the command both say. */
final class Greetings {
    private Greetings() {
    }

    static String greet(String name) {
        return "Hello, " + (name == null || name.isBlank() ? "world" : name.strip()) + "!";
    }
}
