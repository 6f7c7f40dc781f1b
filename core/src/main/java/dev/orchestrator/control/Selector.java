package dev.orchestrator.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user typed to address processes (CONTRACTS): {@code api} (every instance of app api), {@code api:1} (one
 * instance), a namespace (every app in it, acting as one unit), or {@code all}. Names never equal namespaces, so
 * {@code api} is looked up as an app first, then as a namespace. Pure: parsing and resolving touch nothing else.
 */
public sealed interface Selector {

    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    Pattern INSTANCE = Pattern.compile("(" + NAME.pattern() + "):([0-9]+)");

    /** Every process. */
    record All() implements Selector {
        @Override
        public String toString() {
            return "all";
        }
    }

    /** An app (all its instances) or a namespace (all its apps). */
    record Named(String name) implements Selector {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One instance of one app. */
    record Instance(String name, int instance) implements Selector {
        @Override
        public String toString() {
            return name + ":" + instance;
        }
    }

    /** A process as the resolver sees it. */
    record ProcessRef(String name, int instance, String namespace) {
        public ProcessRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
        }

        /** {@code name:instance}, the form {@link ActionResult#affected()} uses. */
        public String address() {
            return name + ":" + instance;
        }
    }

    /**
     * The processes a selector picked, in the order given, or the problem (with the names that exist) when it picked
     * none.
     */
    record Resolution(List<ProcessRef> processes, Optional<String> problem) {
        public Resolution {
            processes = List.copyOf(processes);
            Objects.requireNonNull(problem, "problem");
        }

        public boolean ok() {
            return problem.isEmpty();
        }

        public List<String> addresses() {
            return processes.stream().map(ProcessRef::address).toList();
        }
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException with a message for the user (a usage error) when {@code text} is not one
     */
    static Selector parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("all")) {
            return new All();
        }
        if (NAME.matcher(text).matches()) {
            return new Named(text);
        }
        Matcher m = INSTANCE.matcher(text);
        if (m.matches() && m.group(2).length() <= 6) {
            return new Instance(m.group(1), Integer.parseInt(m.group(2)));
        }
        throw new IllegalArgumentException("selector '" + text + "' is not valid: write an app name (api), one instance "
                + "(api:1), a namespace, or all");
    }

    /** Parses {@code text} and picks from {@code processes}; see {@link #resolve(List)}. */
    static Resolution resolve(String text, List<ProcessRef> processes) {
        try {
            return parse(text).resolve(processes);
        } catch (IllegalArgumentException e) {
            return new Resolution(List.of(), Optional.of(e.getMessage()));
        }
    }

    /** Picks the processes this selector addresses from {@code processes}. */
    default Resolution resolve(List<ProcessRef> processes) {
        List<ProcessRef> picked = switch (this) {
            case All a -> processes;
            case Named n -> {
                List<ProcessRef> apps = processes.stream().filter(p -> p.name().equals(n.name())).toList();
                yield apps.isEmpty() ? processes.stream().filter(p -> p.namespace().equals(n.name())).toList() : apps;
            }
            case Instance i -> processes.stream()
                    .filter(p -> p.name().equals(i.name()) && p.instance() == i.instance()).toList();
        };
        if (!picked.isEmpty() || this instanceof All) {
            return new Resolution(picked, Optional.empty());
        }
        return new Resolution(List.of(), Optional.of(notFound(processes)));
    }

    private String notFound(List<ProcessRef> processes) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> namespaces = new LinkedHashSet<>();
        processes.forEach(p -> {
            names.add(p.name());
            namespaces.add(p.namespace());
        });
        if (this instanceof Instance i && names.contains(i.name())) {
            List<String> have = new ArrayList<>();
            processes.stream().filter(p -> p.name().equals(i.name())).forEach(p -> have.add(p.address()));
            return "instance '" + i + "' not found: app " + i.name() + " has " + String.join(", ", have)
                    + "; instances are numbered from 0";
        }
        String what = this instanceof Instance ? "app '" + ((Instance) this).name() + "'" : "app or namespace '"
                + this + "'";
        if (names.isEmpty()) {
            return what + " not found: the orchestrator runs no apps; check 'orchestrator config'";
        }
        return what + " not found: apps are " + String.join(", ", names) + "; namespaces are "
                + String.join(", ", namespaces) + "; run 'orchestrator ls' to see every process";
    }
}
