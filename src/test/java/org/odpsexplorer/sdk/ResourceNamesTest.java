package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odpsexplorer.sdk.model.InvalidResourceNameException;
import org.odpsexplorer.sdk.model.ResourceNames;
import org.odpsexplorer.sdk.model.ResourceType;

class ResourceNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"my res.txt", "a/b", "中文.py", "a+b", "tab\tname", "", "..", "x?y", "a%20b"})
    void rejectsNamesTheServiceWouldRefuse(String name) {
        assertThatThrownBy(() -> ResourceNames.check(name)).isInstanceOf(InvalidResourceNameException.class)
                .hasMessageContaining("invalid resource name");
    }

    @Test
    void acceptsLettersDigitsUnderscoreDotDash() {
        assertThatCode(() -> ResourceNames.checkForCreate("Test_file-1.2.tar.gz", ResourceType.ARCHIVE))
                .doesNotThrowAnyException();
    }

    @Test
    void keepsHeadRoomForPartSuffixesOnlyWhenCreating() {
        String longName = "a".repeat(ResourceNames.MAX_NAME_BYTES + 1);
        assertThatCode(() -> ResourceNames.check(longName)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ResourceNames.checkForCreate(longName, ResourceType.FILE))
                .isInstanceOf(InvalidResourceNameException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> ResourceNames.check("a".repeat(129))).isInstanceOf(InvalidResourceNameException.class);
    }

    @Test
    void typedResourcesNeedTheirExtension() {
        assertThatThrownBy(() -> ResourceNames.checkForCreate("script", ResourceType.PY))
                .hasMessageContaining(".py");
        assertThatThrownBy(() -> ResourceNames.checkForCreate("lib.zip", ResourceType.JAR))
                .hasMessageContaining(".jar");
        assertThatThrownBy(() -> ResourceNames.checkForCreate("data.rar", ResourceType.ARCHIVE))
                .hasMessageContaining(".zip");
        assertThatCode(() -> ResourceNames.checkForCreate("lib.JAR", ResourceType.JAR)).doesNotThrowAnyException();
        assertThatCode(() -> ResourceNames.checkForCreate("x.tgz", ResourceType.ARCHIVE)).doesNotThrowAnyException();
        assertThatCode(() -> ResourceNames.checkForCreate("anything", ResourceType.FILE)).doesNotThrowAnyException();
    }
}
