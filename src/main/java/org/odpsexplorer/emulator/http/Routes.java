package org.odpsexplorer.emulator.http;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The route table: {@code (endpoint, pattern) → method → handler}. Filled by {@link RouteGroup}s before the server
 * starts; read concurrently afterwards.
 *
 * <p>Pattern syntax: segments separated by {@code /}; a segment {@code {name}} captures one decoded segment; a last
 * segment {@code {name*}} captures the rest of the path, slashes included (so a route can reject a name that decoded
 * to contain {@code /} with a 400 instead of the router answering 404). When several patterns match, the one with
 * the most literal segments wins, then a non-greedy one over a greedy one. A path that matches a pattern but not its
 * method gets 405.
 */
public final class Routes {
    private final Map<Endpoint, List<Route>> routes = new EnumMap<>(Endpoint.class);

    public Routes() {
        for (Endpoint e : Endpoint.values()) {
            routes.put(e, new CopyOnWriteArrayList<>());
        }
    }

    /** Registers {@code handler} for {@code method} on {@code pattern}; replaces an earlier identical registration. */
    public Routes add(Endpoint endpoint, String method, String pattern, RouteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        String m = method.toUpperCase(Locale.ROOT);
        List<Route> list = Objects.requireNonNull(routes.get(endpoint), "every endpoint has a list");
        for (Route r : list) {
            if (r.pattern.equals(pattern)) {
                r.handlers.put(m, handler);
                return this;
            }
        }
        Route r = new Route(pattern);
        r.handlers.put(m, handler);
        list.add(r);
        return this;
    }

    /** Shorthand for {@link #add} on the API endpoint. */
    public Routes api(String method, String pattern, RouteHandler handler) {
        return add(Endpoint.API, method, pattern, handler);
    }

    /** The outcome of matching a request. */
    public sealed interface Match permits Found, WrongMethod, NotFound {
    }

    /** A handler and the captured path parameters. */
    public record Found(RouteHandler handler, Map<String, String> params) implements Match {
    }

    /** The path is known but not for this method. */
    public record WrongMethod() implements Match {
    }

    /** No pattern matches the path. */
    public record NotFound() implements Match {
    }

    /** Finds the handler for a decoded, endpoint-relative path. */
    public Match match(Endpoint endpoint, String method, String path) {
        List<String> segments = split(path);
        Route best = null;
        Map<String, String> bestParams = null;
        for (Route r : Objects.requireNonNull(routes.get(endpoint), "every endpoint has a list")) {
            Map<String, String> params = r.match(segments);
            if (params != null && (best == null || r.score() > best.score())) {
                best = r;
                bestParams = params;
            }
        }
        if (best == null || bestParams == null) { // set together
            return new NotFound();
        }
        RouteHandler h = best.handlers.get(method.toUpperCase(Locale.ROOT));
        return h == null ? new WrongMethod() : new Found(h, bestParams);
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            out.add(s);
        }
        // a leading "/" gives an empty first item; drop it so "/a/b" is [a, b] and "/a/" is [a, ""]
        if (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }

    private static final class Route {
        final String pattern;
        final List<String> parts;
        final boolean greedy;
        final Map<String, RouteHandler> handlers = new ConcurrentHashMap<>();

        Route(String pattern) {
            this.pattern = pattern;
            this.parts = split(pattern);
            this.greedy = !parts.isEmpty() && parts.get(parts.size() - 1).endsWith("*}");
        }

        int score() {
            int literal = 0;
            for (String p : parts) {
                if (!p.startsWith("{")) {
                    literal++;
                }
            }
            return literal * 2 + (greedy ? 0 : 1);
        }

        @Nullable Map<String, String> match(List<String> segments) {
            int fixed = greedy ? parts.size() - 1 : parts.size();
            if (greedy ? segments.size() < parts.size() : segments.size() != parts.size()) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < fixed; i++) {
                String p = parts.get(i);
                String s = segments.get(i);
                if (p.startsWith("{")) {
                    if (s.isEmpty()) {
                        return null;
                    }
                    params.put(p.substring(1, p.length() - 1), s);
                } else if (!p.equals(s)) {
                    return null;
                }
            }
            if (greedy) {
                String p = parts.get(parts.size() - 1);
                String rest = String.join("/", segments.subList(fixed, segments.size()));
                if (rest.isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), rest);
            }
            return params;
        }
    }
}
