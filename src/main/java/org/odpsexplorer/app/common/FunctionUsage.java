package org.odpsexplorer.app.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.OdpsException;

/**
 * Which functions of a project use which of its resources, from one fresh function listing; the question asked
 * before a resource is deleted or its content replaced. Immutable.
 *
 * @param byResource resource name → names of the functions using it (plain names: this project's resources)
 * @param failure    why the listing failed (then nothing is known), or null
 */
public record FunctionUsage(Map<String, List<String>> byResource, @Nullable String failure) {
    public FunctionUsage {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byResource.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byResource = Map.copyOf(copy);
    }

    /** Nothing uses anything (a project without functions). */
    public static final FunctionUsage NONE = new FunctionUsage(Map.of(), null);

    /** Groups {@code functions} by the resources they use. */
    public static FunctionUsage of(Iterable<Function> functions) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Function f : functions) {
            for (String r : f.resources()) {
                List<String> users = map.computeIfAbsent(r, k -> new ArrayList<>());
                if (!users.contains(f.name())) {
                    users.add(f.name());
                }
            }
        }
        return new FunctionUsage(map, null);
    }

    /**
     * Lists the project's functions (blocking network calls: a worker thread only). A failed listing is not an error
     * here: it is kept in {@link #failure()} so the question can still be asked, saying that nothing is known.
     */
    public static FunctionUsage load(Odps odps) {
        try {
            return of(odps.listFunctions());
        } catch (OdpsException e) {
            return new FunctionUsage(Map.of(), ErrorText.summary(e));
        }
    }

    /** The functions using {@code resource}, sorted; empty when none (or unknown, see {@link #failure()}). */
    public List<String> usersOf(String resource) {
        return byResource.getOrDefault(resource, List.of()).stream().sorted().toList();
    }

    /**
     * Asks before {@code action} (a verb for the button: "Delete", "Overwrite") changes or removes {@code resource}:
     * the used-by warning when functions use it, a plain question when the check failed; true to go on. When no
     * function uses it nothing is asked and the answer is true. FX thread.
     *
     * @param consequence one sentence on what happens to the functions, e.g. "Deleting it breaks them."
     */
    public boolean confirm(Dialogs dialogs, String resource, String action, String consequence) {
        List<String> users = usersOf(resource);
        if (!users.isEmpty()) {
            return dialogs.confirmUsedBy(resource, users, action, consequence);
        }
        if (failure != null) {
            return dialogs.confirm(action + " " + resource + "?", "Could not check which functions use " + resource
                    + " (" + failure + "). " + action + " it anyway?", action);
        }
        return true;
    }

    /** The warning's one-line list, as the dialog and the details panel show it. */
    public static String usedByLine(List<String> functions) {
        return "Used by functions: " + String.join(", ", functions);
    }
}
