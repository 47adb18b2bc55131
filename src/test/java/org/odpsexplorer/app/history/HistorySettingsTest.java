package org.odpsexplorer.app.history;

import org.odpsexplorer.app.history.view.RecoveryDiff;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.hex.HexPatch;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceType;

/** The history settings file, the settings dialog's checks and the recovery prompt's descriptions. */
class HistorySettingsTest {
    @TempDir
    Path dir;

    @Test
    void settingsRoundTripAndDefaultWhereMissingOrBroken() throws Exception {
        Path config = dir.resolve("config");
        assertThat(HistorySettings.load(config, dir.resolve("data"))).isEqualTo(HistorySettings.defaults(dir.resolve("data")));
        HistorySettings chosen = new HistorySettings(dir.resolve("elsewhere"), new JournalLimits(8 * JournalLimits.MB,
                100 * JournalLimits.MB));
        chosen.save(config);
        assertThat(HistorySettings.load(config, dir.resolve("data"))).isEqualTo(chosen);
        Files.writeString(config.resolve("history.properties"), "maxVersionMB=lots\n");
        assertThat(HistorySettings.load(config, dir.resolve("data")).limits()).isEqualTo(JournalLimits.DEFAULTS);
    }

    @Test
    void theDialogRefusesRelativeFoldersAndImpossibleLimits() {
        assertThat(HistorySettingsDialog.validate("/data/h", "256", "2048")).isEmpty();
        assertThat(HistorySettingsDialog.validate("relative/h", "256", "2048")).isPresent();
        assertThat(HistorySettingsDialog.validate("/data/h", "300", "200")).isPresent();
        assertThat(HistorySettingsDialog.validate("/data/h", "-1", "200")).isPresent();
        assertThat(HistorySettingsDialog.validate("/data/h", "ten", "200")).isPresent();
    }

    @Test
    void theRecoveryPromptDescribesAChangedServerCopyAndTheEditedRanges() {
        HistoryRef ref = new HistoryRef("c", "p", "big.bin");
        RecoveryStore.Recovered hex = new RecoveryStore.Recovered("id", ref, "r+b", RecoveryStore.Kind.HEX,
                new RecoveryStore.Base("aaa", 100, -1), Instant.now(), null, new HexPatch(100, List.of(
                new HexPatch.Copy(0, 10), new HexPatch.Insert(new byte[] {0x41}), new HexPatch.Copy(11, 89))), null);
        ResourceInfo same = new ResourceInfo("big.bin", ResourceType.FILE, null, null, null, 100, null, null, "aaa",
                false, null, null);
        ResourceInfo changed = new ResourceInfo("big.bin", ResourceType.FILE, null, null, null, 100, null, null, "bbb",
                false, null, null);
        List<String> lines = RecoveryDiff.describe(hex, same, null);
        assertThat(lines.get(0)).startsWith("The server copy is still");
        assertThat(lines).contains("Size: 100 → 100 bytes", "+ 0x0000000A: 1 byte(s) 41");
        assertThat(RecoveryDiff.describe(hex, changed, null).get(0)).contains("changed since");
        assertThat(RecoveryDiff.describe(hex, null, null).get(0)).contains("no longer on the server");
    }
}
