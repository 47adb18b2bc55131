package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.ResourceType;

/** Listing across the emulator's pages (100 per page): markers followed until the last page. */
class ListingTest {
    @TempDir
    Path tempDir;

    @Test
    void listingFollowsMarkersAcrossPagesAndFiltersByPrefix() throws Exception {
        try (TestService service = TestService.start(tempDir); Odps odps = service.client()) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 115; i++) {
                String name = String.format("res_%03d.txt", i);
                odps.createResource(name, "file", new byte[] {(byte) i});
                expected.add(name);
            }
            odps.createResource("other.py", "py", "x");
            List<String> all = new ArrayList<>();
            for (Resource r : odps.listResources()) {
                all.add(r.name());
                if (r.name().startsWith("res_")) {
                    assertThat(r.size()).isEqualTo(1);
                    assertThat(r.type()).isEqualTo(ResourceType.FILE);
                }
            }
            assertThat(all).hasSize(116).containsAll(expected).contains("other.py");
            List<String> prefixed = new ArrayList<>();
            odps.listResources("res_1").forEach(r -> prefixed.add(r.name()));
            assertThat(prefixed).hasSize(15).allMatch(n -> n.startsWith("res_1"));
        }
    }
}
