package org.odpsexplorer.wire.tunnel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A STRUCT value: the field values in declared order (each may be null), mapped like column values. Immutable.
 */
public record OdpsStruct(List<@Nullable Object> values) {
    public OdpsStruct {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static OdpsStruct of(@Nullable Object... values) {
        List<@Nullable Object> list = new ArrayList<>(values.length);
        Collections.addAll(list, values);
        return new OdpsStruct(list);
    }

    public @Nullable Object get(int index) {
        return values.get(index);
    }
}
