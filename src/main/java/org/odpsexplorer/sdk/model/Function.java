package org.odpsexplorer.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One function of a project as the server reported it (PyODPS's {@code Function}: {@code name}, {@code class_type},
 * {@code resources}, {@code owner}, {@code creation_time}). A change is a copy ({@link #withClassType},
 * {@link #withResources}) handed to {@link org.odpsexplorer.sdk.Odps#updateFunction(Function)}.
 *
 * @param name         the function's name (the wire's {@code Alias})
 * @param classType    the class the function runs, e.g. {@code my_udf.Lower} or {@code com.example.Lower}
 * @param resources    the resources the function uses, in the server's order: a resource of the client's own project
 *                     (and schema) by its plain name ({@code my_udf.py}), any other in the server's full form
 *                     ({@code other_project/resources/lib.jar})
 * @param owner        owner account, null when not reported (or for a value not yet sent)
 * @param creationTime creation time, null when not reported
 * @param schemaName   schema the server reported, null when none
 */
public record Function(String name, String classType, List<String> resources, @Nullable String owner,
                       @Nullable Instant creationTime, @Nullable String schemaName) {
    public Function {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classType, "classType");
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** A function to create: name, class type and resources (plain names of this project, or full forms). */
    public static Function of(String name, String classType, List<String> resources) {
        return new Function(name, classType, resources, null, null, null);
    }

    public Function withClassType(String newClassType) {
        return new Function(name, newClassType, resources, owner, creationTime, schemaName);
    }

    public Function withResources(List<String> newResources) {
        return new Function(name, classType, newResources, owner, creationTime, schemaName);
    }

    /** True when {@link #resources()} names {@code resourceName} (a plain name: a resource of the client's project). */
    public boolean uses(String resourceName) {
        return resources.contains(resourceName);
    }
}
