package org.odpsexplorer.emulator.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a create/update request says about the resource besides its bytes.
 *
 * @param type        the wire type; null on an update keeps the old type
 * @param comment     null keeps the old comment on update (none on create)
 * @param temp        null keeps the old flag on update (false on create)
 * @param tableSource for table kinds: the project-qualified source
 * @param fileSource  for volume kinds: the volume path
 * @param actor       owner string of the caller: owner on create, last updator always
 */
public record ResourceWrite(@Nullable String type, @Nullable String comment, @Nullable Boolean temp,
                            @Nullable String tableSource, @Nullable String fileSource, String actor) {
    public ResourceWrite {
        Objects.requireNonNull(actor, "actor");
    }
}
