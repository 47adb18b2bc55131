package org.odpsexplorer.emulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.odpsexplorer.emulator.store.FunctionStore;
import org.odpsexplorer.emulator.store.ResourceKey;
import org.odpsexplorer.emulator.store.ResourceStore;
import org.odpsexplorer.emulator.store.ResourceWrite;
import org.odpsexplorer.emulator.store.WriteMode;
import org.odpsexplorer.emulator.table.TableStore;
import org.odpsexplorer.emulator.table.TunnelStore;
import org.odpsexplorer.wire.OdpsHeaders;

/**
 * The {@code --demo} content: one resource of each file type (a Python UDF, a SQL text file, a binary file holding
 * every byte value, a real jar, a zip archive), a function that uses the Python resource, and a partitioned table
 * {@code sales} (see {@link DemoTable}) with a table resource on its first partition. Written only into a project
 * without resources, so a user's data is never touched.
 */
final class DemoData {
    static final String PY = "demo_udf.py";
    static final String SQL = "daily_report.sql";
    static final String BIN = "sample_bytes.bin";
    static final String JAR = "demo_udf.jar";
    static final String ZIP = "lookup_tables.zip";
    static final String FUNCTION = "demo_upper";
    static final String TABLE_RESOURCE = "sales_resource";

    private static final String PY_SOURCE = """
            # -*- coding: utf-8 -*-
            \"\"\"Demo Python UDFs for ODPS Explorer's emulator.\"\"\"
            from odps.udf import annotate


            @annotate("string->string")
            class Upper(object):
                \"\"\"Upper-cases a string; NULL stays NULL.\"\"\"

                def evaluate(self, value):
                    if value is None:
                        return None
                    return value.upper()


            @annotate("string,string->bigint")
            class CountOccurrences(object):
                \"\"\"Counts non-overlapping occurrences of needle in text.\"\"\"

                def evaluate(self, text, needle):
                    if text is None or not needle:
                        return 0
                    return text.count(needle)
            """;

    private static final String SQL_TEXT = """
            -- Daily order report: revenue and order count per region for one partition.
            SELECT  region,
                    COUNT(*)                  AS orders,
                    SUM(amount)               AS revenue,
                    demo_upper(channel)       AS channel
            FROM    sales_orders
            WHERE   ds = '${bizdate}'
              AND   status <> 'CANCELLED'
            GROUP BY region, channel
            ORDER BY revenue DESC
            LIMIT   100;
            """;

    private DemoData() {
    }

    /** Writes the demo content into {@code project} unless it already has resources. */
    static void fillIfEmpty(ResourceStore resources, FunctionStore functions, TableStore tables, TunnelStore tunnel,
                            String project, String owner) throws IOException {
        if (!resources.list(project, "default", null, null, null, 1).items().isEmpty()) {
            return;
        }
        // the table first: the resources are the "already filled" marker, so a crash in between retries the table
        DemoTable.fill(tables, tunnel, project, owner);
        resources.writeReference(new ResourceKey(project, "default", TABLE_RESOURCE),
                new ResourceWrite("table", "The sales table, first day", false,
                        project + "." + DemoTable.NAME + " partition(pt='" + DemoTable.FIRST_DAY + "')", null, owner),
                WriteMode.CREATE);
        write(resources, project, owner, PY, "py", "Python UDFs: Upper, CountOccurrences",
                PY_SOURCE.getBytes(StandardCharsets.UTF_8));
        write(resources, project, owner, SQL, "file", "Daily revenue report query",
                SQL_TEXT.getBytes(StandardCharsets.UTF_8));
        write(resources, project, owner, BIN, "file", "Every byte value 0x00-0xFF, twice, plus CRLF", sampleBytes());
        write(resources, project, owner, JAR, "jar", "A small jar with a manifest and one class", jar());
        write(resources, project, owner, ZIP, "archive", "Zip archive with two lookup files", zip());
        functions.write(project, "default", FUNCTION, "demo_udf.Upper", List.of(project + "/resources/" + PY), owner,
                false);
    }

    private static void write(ResourceStore resources, String project, String owner, String name, String type,
                              String comment, byte[] content) throws IOException {
        resources.writeContent(new ResourceKey(project, "default", name),
                new ResourceWrite(type, comment, false, null, null, owner), WriteMode.CREATE,
                new ByteArrayInputStream(content), OdpsHeaders.MAX_RESOURCE_SIZE, null);
    }

    /** 0x00..0xFF ascending, CRLF, 0xFF..0x00 descending: 514 bytes. */
    static byte[] sampleBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            out.write(i);
        }
        out.write('\r');
        out.write('\n');
        for (int i = 255; i >= 0; i--) {
            out.write(i);
        }
        return out.toByteArray();
    }

    /** A valid jar: manifest with a main class, and a real (minimal, loadable) class file for it. */
    static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "demo.Hello");
        manifest.getMainAttributes().put(new Attributes.Name("Created-By"), "ODPS Explorer emulator");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("demo/Hello.class"));
            jar.write(minimalClass("demo/Hello"));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("demo/udf.properties"));
            jar.write("udf.class=demo.Hello\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A zip with two entries. */
    static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("Lookup tables used by the demo UDFs.\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("data/regions.csv"));
            zip.write("code,name\r\nCN-E,East China\r\nCN-N,North China\r\nSG,Singapore\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * A class file (version 52, Java 8) declaring {@code public class <name> extends Object} with no members: the
     * smallest file the JVM accepts as a class.
     */
    private static byte[] minimalClass(String internalName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0); // minor
            out.writeShort(52); // major: Java 8
            out.writeShort(5); // constant pool count (entries 1..4)
            out.writeByte(7); // #1 Class -> #2
            out.writeShort(2);
            out.writeByte(1); // #2 Utf8 this name
            out.writeUTF(internalName);
            out.writeByte(7); // #3 Class -> #4
            out.writeShort(4);
            out.writeByte(1); // #4 Utf8 super name
            out.writeUTF("java/lang/Object");
            out.writeShort(0x0021); // ACC_PUBLIC | ACC_SUPER
            out.writeShort(1); // this_class
            out.writeShort(3); // super_class
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
        }
        return bytes.toByteArray();
    }
}
