package org.odpsexplorer.emulator.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a listing; {@code nextAfter} is the last name of the page when more follow, else null. */
public record ResourcePage(List<ResourceRecord> items, @Nullable String nextAfter) {
    public ResourcePage {
        items = List.copyOf(items);
    }
}
