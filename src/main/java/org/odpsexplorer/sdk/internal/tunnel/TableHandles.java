package org.odpsexplorer.sdk.internal.tunnel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * How the client creates {@code sdk.table.Table} handles although the handle's constructor is private: the table
 * class registers a factory here when it is initialised, and {@code Odps} looks it up by class (the JDK's "shared
 * secrets" pattern). So no public constructor takes a plumbing type, and this package never names the façade type it
 * serves (no package cycle).
 */
public final class TableHandles {
    private static final Map<Class<?>, Factory<?>> FACTORIES = new ConcurrentHashMap<>();

    private TableHandles() {
    }

    /** Creates a table handle; {@code meta} may be a listing snapshot or null (loaded lazily). */
    @FunctionalInterface
    public interface Factory<T> {
        T create(TableApi api, String project, String name, @Nullable TableMeta meta);
    }

    /** Called once from the static initialiser of {@code type}. */
    public static <T> void register(Class<T> type, Factory<T> factory) {
        FACTORIES.putIfAbsent(type, factory);
    }

    /** The factory {@code type} registered, initialising the class first if need be. */
    public static <T> Factory<T> factory(Class<T> type) {
        Factory<?> f = FACTORIES.get(type);
        if (f == null) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot initialise " + type.getName(), e);
            }
            f = FACTORIES.get(type);
            if (f == null) {
                throw new IllegalStateException(type.getName() + " registers no table factory");
            }
        }
        @SuppressWarnings("unchecked") // register() pairs each class with a factory of that class
        Factory<T> typed = (Factory<T>) f;
        return typed;
    }
}
