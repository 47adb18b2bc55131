package org.odpsexplorer.app.connection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.Regions;

/**
 * Add, edit and remove connections; import an {@code odps_config.ini}; take one from the environment; test a
 * connection (the server's error code and message are shown on failure). The region field follows the endpoint (the
 * region it names, as the SDK infers it) until the user types another; a line under it says how requests are signed.
 * OK writes profiles and secrets in the background; secrets go to the OS keychain or the owner-only secrets file (a
 * line at the bottom says which, and why the file) and are never shown again in clear.
 */
public final class ConnectionsDialog {
    private final Window owner;
    private final UiExecutor tasks;
    private final ConnectionStore store;
    private final Sessions sessions;
    private final Dialogs dialogs;
    private final Map<String, String> env;
    private final ListView<ConnectionProfile> list = new ListView<>();
    private final Map<String, Secret> typedSecrets = new HashMap<>();
    private final TextField name = new TextField();
    private final TextField endpoint = new TextField();
    private final TextField tunnel = new TextField();
    private final TextField projects = new TextField();
    private final TextField accessId = new TextField();
    private final PasswordField secret = new PasswordField();
    private final CheckBox sts = new CheckBox("STS token");
    private final PasswordField token = new PasswordField();
    private final TextField region = new TextField();
    private final Label signing = new Label();
    private final Label secretStorage = new Label("Checking where secrets are kept…");
    private final Label testResult = new Label();
    private @Nullable ConnectionProfile editing;
    private boolean updatingList;
    private boolean fillingForm;
    /** The region the endpoint field named when the region field was last filled from it. */
    private @Nullable String inferredRegion;

    public ConnectionsDialog(Window owner, UiExecutor tasks, ConnectionStore store, Sessions sessions, Dialogs dialogs,
                             Map<String, String> env) {
        this.owner = owner;
        this.tasks = tasks;
        this.store = store;
        this.sessions = sessions;
        this.dialogs = dialogs;
        this.env = env;
    }

    /** Shows the dialog; the new profile list when OK was pressed (already being saved). */
    public Optional<List<ConnectionProfile>> show(List<ConnectionProfile> current) {
        Dialog<List<ConnectionProfile>> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connections");
        dialog.setHeaderText("MaxCompute connections");
        dialog.getDialogPane().setId("connectionsDialog");
        list.getItems().setAll(current);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
            }
        });
        list.setPrefWidth(200);
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (updatingList) {
                return;
            }
            commit();
            edit(n);
        });
        Button add = new Button("Add");
        add.setId("connAdd");
        add.setOnAction(e -> addProfile(new ConnectionProfile(UUID.randomUUID().toString(), "New connection", false,
                "http://", null, List.of(), "", false), null));
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            ConnectionProfile p = list.getSelectionModel().getSelectedItem();
            if (p != null && dialogs.confirm("Remove " + p.name() + "?", "The connection and its saved secret "
                    + "will be removed.", "Remove")) {
                editing = null;
                list.getItems().remove(p);
            }
        });
        Button importIni = new Button("Import odps_config.ini…");
        importIni.setMnemonicParsing(false); // else the underscore of odps_config.ini is taken for a mnemonic
        importIni.setOnAction(e -> importIni());
        Button fromEnv = new Button("From environment");
        fromEnv.setDisable(ConnectionImport.fromEnvironment(env).isEmpty());
        fromEnv.setOnAction(e -> ConnectionImport.fromEnvironment(env)
                .ifPresent(i -> addProfile(i.profile(), i.secret())));
        Button test = new Button("Test connection");
        test.setId("testConnection");
        test.setOnAction(e -> testConnection());
        testResult.setId("testResult");
        testResult.setWrapText(true);
        testResult.setMaxWidth(420);

        secret.setPromptText("unchanged");
        token.setPromptText("unchanged");
        token.disableProperty().bind(sts.selectedProperty().not());
        region.setPromptText("none: signs V2");
        endpoint.textProperty().addListener((obs, o, n) -> followEndpoint(n));
        region.textProperty().addListener((obs, o, n) -> showSigning());
        signing.setId("connSigning");
        signing.setWrapText(true);
        signing.setMaxWidth(420);
        secretStorage.setId("secretStorage");
        secretStorage.setWrapText(true);
        secretStorage.setMaxWidth(420);
        tasks.run(store::secretStorage, where -> secretStorage.setText(where.describe()),
                error -> secretStorage.setText("Where secrets are kept is unknown: " + ErrorText.summary(error)));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Endpoint"), endpoint);
        form.addRow(2, new Label("Tunnel endpoint"), tunnel);
        form.addRow(3, new Label("Projects"), projects);
        form.addRow(4, new Label("Access key id"), accessId);
        form.addRow(5, new Label("Access key secret"), secret);
        form.addRow(6, sts, token);
        form.addRow(7, new Label("Region"), region);
        form.add(signing, 1, 8);
        form.add(new HBox(6, test), 1, 9);
        form.add(testResult, 0, 10, 2, 1);
        form.add(secretStorage, 0, 11, 2, 1);
        name.setId("connName");
        endpoint.setId("connEndpoint");
        projects.setId("connProjects");
        accessId.setId("connAccessId");
        secret.setId("connSecret");
        region.setId("connRegion");
        projects.setPromptText("comma-separated");
        endpoint.setPrefColumnCount(28);
        VBox leftBox = new VBox(6, list, new HBox(6, add, remove), importIni, fromEnv);
        HBox content = new HBox(12, leftBox, form);
        content.setPadding(new Insets(6));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            commit();
            return List.copyOf(list.getItems());
        });
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
        }
        Optional<List<ConnectionProfile>> result = dialog.showAndWait();
        result.ifPresent(this::persist);
        return result;
    }

    private void addProfile(ConnectionProfile profile, @Nullable Secret secretValue) {
        commit();
        list.getItems().add(profile);
        if (secretValue != null) {
            typedSecrets.put(profile.id(), secretValue);
        }
        list.getSelectionModel().select(profile);
    }

    private void edit(@Nullable ConnectionProfile p) {
        editing = p;
        testResult.setText("");
        boolean editable = p != null && !p.embedded();
        for (var field : List.of(name, endpoint, tunnel, projects, accessId, secret, region)) {
            field.setDisable(!editable);
        }
        sts.setDisable(!editable);
        if (p == null) {
            return;
        }
        name.setText(p.name());
        fillingForm = true;
        try {
            endpoint.setText(p.embedded() ? "(started by the app)" : p.endpoint());
        } finally {
            fillingForm = false;
        }
        inferredRegion = p.embedded() ? null : Regions.fromEndpoint(p.endpoint());
        String shown = p.region() != null ? p.region() : inferredRegion;
        region.setText(shown == null ? "" : shown);
        showSigning();
        tunnel.setText(p.tunnelEndpoint() == null ? "" : p.tunnelEndpoint());
        projects.setText(String.join(", ", p.projects()));
        accessId.setText(p.accessId());
        sts.setSelected(p.sts());
        secret.clear();
        token.clear();
    }

    /** Writes the form back into the selected profile. */
    private void commit() {
        ConnectionProfile p = editing;
        if (p == null || p.embedded()) {
            return;
        }
        ConnectionProfile updated = formProfile(p.id());
        int index = list.getItems().indexOf(p);
        if (!secret.getText().isEmpty()) {
            typedSecrets.put(p.id(), new Secret(secret.getText(), sts.isSelected() ? token.getText() : null));
        }
        editing = updated;
        if (index >= 0 && !updated.equals(p)) {
            // replacing the selected item clears the selection; the form already shows it, so skip the listener
            updatingList = true;
            try {
                list.getItems().set(index, updated);
                list.getSelectionModel().select(index);
            } finally {
                updatingList = false;
            }
        }
    }

    private ConnectionProfile formProfile(String id) {
        List<String> projectList = new ArrayList<>();
        for (String s : projects.getText().split(",")) {
            if (!s.isBlank()) {
                projectList.add(s.trim());
            }
        }
        return new ConnectionProfile(id, name.getText().trim(), false, endpoint.getText().trim(), tunnel.getText(),
                projectList, accessId.getText().trim(), sts.isSelected(), region.getText());
    }

    /**
     * Fills the region field with the region the endpoint names (as the SDK would infer it), unless the user typed
     * a different one.
     */
    private void followEndpoint(String endpointText) {
        ConnectionProfile p = editing;
        if (p == null || p.embedded() || fillingForm) {
            return;
        }
        String typed = region.getText().strip();
        if (typed.isEmpty() || typed.equals(inferredRegion)) {
            String inferred = Regions.fromEndpoint(endpointText);
            inferredRegion = inferred;
            region.setText(inferred == null ? "" : inferred);
        }
        showSigning();
    }

    private void showSigning() {
        ConnectionProfile p = editing;
        if (p == null || p.embedded()) {
            signing.setText(p == null ? "" : "Signs V2 (local emulator)");
            return;
        }
        String typed = region.getText().strip();
        String effective = typed.isEmpty() ? Regions.fromEndpoint(endpoint.getText()) : typed;
        signing.setText(effective == null ? "Signs V2: the endpoint names no region; type one to sign V4"
                : "Signs V4 with region " + effective + " (V2 if the service refuses V4)");
    }

    private void importIni() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import odps_config.ini");
        var file = chooser.showOpenDialog(owner);
        if (file == null) {
            return;
        }
        tasks.run(() -> ConnectionImport.fromConfigIni(Files.readString(file.toPath(), StandardCharsets.UTF_8),
                        file.getName()),
                imported -> addProfile(imported.profile(), imported.secret()),
                error -> dialogs.showError("Could not import " + file.getName(), error));
    }

    private void testConnection() {
        ConnectionProfile p = editing;
        if (p == null) {
            return;
        }
        commit();
        ConnectionProfile current = Objects.requireNonNull(editing, "editing");
        String project = current.projects().isEmpty() ? "" : current.projects().get(0);
        if (project.isEmpty() && !current.embedded()) {
            testResult.setText("Add at least one project first.");
            return;
        }
        Secret typed = typedSecrets.get(current.id());
        testResult.setText("Testing…");
        tasks.run(() -> {
            Secret s = current.embedded() ? EmbeddedEmulator.secret()
                    : typed != null ? typed : store.secret(current.id()).orElse(new Secret("", null));
            // the embedded client is shared and stays open; a test client is ours to close
            Odps odps = current.embedded() ? sessions.client(current, project) : sessions.testClient(current, project, s);
            try {
                int n = 0;
                for (var r : odps.listResources()) {
                    n++;
                    if (n >= 1000) {
                        break;
                    }
                }
                return n;
            } finally {
                if (!current.embedded()) {
                    odps.close();
                }
            }
        }, n -> testResult.setText("Connected: " + n + (n >= 1000 ? "+" : "") + " resources in " + project),
                error -> testResult.setText("Failed: " + ErrorText.summary(error)
                        + "\n" + ErrorText.details(error).lines().filter(l -> l.startsWith("Request id")).findFirst()
                        .orElse("")));
    }

    private void persist(List<ConnectionProfile> profiles) {
        Map<String, Secret> secrets = Map.copyOf(typedSecrets);
        tasks.run(() -> {
            List<ConnectionProfile> before = store.load();
            store.save(profiles);
            for (var e : secrets.entrySet()) {
                store.saveSecret(e.getKey(), e.getValue());
            }
            for (ConnectionProfile old : before) {
                if (profiles.stream().noneMatch(p -> p.id().equals(old.id()))) {
                    store.removeSecret(old.id());
                }
                sessions.forget(old.id());
            }
            return profiles.size();
        }, n -> { }, error -> dialogs.showError("Could not save the connections", error));
    }
}
