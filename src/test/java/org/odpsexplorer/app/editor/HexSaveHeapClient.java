package org.odpsexplorer.app.editor;

import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.SmallHeapJvm;
import org.odpsexplorer.sdk.model.ResourceType;

/**
 * Run in a child JVM with a small heap by {@link HexSaveHeapTest}: opens a resource far larger than the heap in the
 * hex editor's view model ({@code r+b}), changes one byte near the end and saves, saves it as a copy, truncates and
 * saves again, printing the server's MD5 after each step and the peak heap use. Arguments: endpoint, project, access
 * id, secret, resource name, offset of the edit, truncate offset.
 */
public final class HexSaveHeapClient {
    private HexSaveHeapClient() {
    }

    public static void main(String[] args) {
        String name = args[4];
        long editAt = Long.parseLong(args[5]);
        long cutAt = Long.parseLong(args[6]);
        RecordingDialogs dialogs = new RecordingDialogs();
        try (Odps odps = Odps.builder().endpoint(args[0]).project(args[1]).accessKey(args[2], args[3]).build()) {
            ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, name, ResourceType.FILE, OpenMode.R_PLUS_B,
                    true, new SameThreadUiExecutor(), dialogs);
            vm.open();
            HexDocument doc = vm.openedProperty().get().hex();
            System.out.println("opened " + doc.size() + " errors " + dialogs.errors);

            doc.overwrite(editAt, (byte) 0x5A);
            vm.dirtyProperty().set(true); // as the tab does on every edit
            vm.saveHex();
            System.out.println("saved " + odps.getResource(name).md5() + " errors " + dialogs.errors);

            vm.saveAs(name + ".copy", ResourceType.FILE, doc, false);
            System.out.println("savedAs " + odps.getResource(name + ".copy").md5() + " errors " + dialogs.errors);

            doc.delete(cutAt, doc.size() - cutAt);
            vm.dirtyProperty().set(true);
            vm.saveHex();
            System.out.println("truncated " + odps.getResource(name + ".copy").size() + " "
                    + odps.getResource(name + ".copy").md5() + " errors " + dialogs.errors);
            vm.release();
        }
        SmallHeapJvm.printPeakHeap();
    }
}
