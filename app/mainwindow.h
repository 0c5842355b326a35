#pragma once

#include "exportpanel.h"
#include "packets/packetflow.h"
#include "scenarios/scenariocatalog.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QTableView;

namespace SocketScope {

class ByteOrderView;
class CallDetailsView;
class EventSource;
class InspectorWindow;
class LogCursor;
class LogPresenter;
class PacketPanel;
class ReplaySource;
class Session;
class StageView;
class TupleCardsView;

// The teaching window: a scenario picker and the step controls on top, the narration and
// the stage in the centre, the call list, the 5-tuples and the bytes below, the packets on
// the side. It arranges the views and the menus; the presenter feeds the views from the log
// of the current source: a scenario run, or a saved session opened to be replayed.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const ScenarioCatalog& catalog, const QString& language, std::optional<quint16> port,
               CaptureMode capture = CaptureMode::CaptureIfPermitted, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The scenario run, and whichever source the views show now (the run or a replay).
    Session* session() const { return m_session; }
    EventSource* source() const;
    ReplaySource* replay() const { return m_replay.get(); }
    LogPresenter* presenter() const { return m_presenter; }
    StageView* stage() const { return m_stage; }
    TupleCardsView* tupleCards() const { return m_tupleCards; }
    ByteOrderView* bytes() const { return m_bytes; }
    PacketPanel* packets() const { return m_packets; }
    QTableView* calls() const { return m_callView; }
    // Below the call list: the call at the cursor in full, with its errno's explanation.
    CallDetailsView* callDetails() const { return m_callDetails; }
    LogCursor* cursor() const;
    // The live inspector's window, created on first use.
    InspectorWindow* inspector();
    bool selectScenario(const QString& id);
    // Opens a saved session to replay it; false with *error (the file's line and what is
    // wrong) when it cannot be read.
    bool openSession(const QString& path, QString* error);
    // What File > Save writes: the log of the source on show.
    bool saveSession(const QString& path, QString* error) const;
    // Brings a panel to the front: "calls", "tuples", "bytes" or "packets".
    bool showPanel(const QString& name);
    // Steps per second multiplier: 0.25 (slow motion) to 4.
    void setSpeed(double speed);
    // Writes a picture of a panel as it is at the cursor (File > Export, --export-png/svg);
    // size empty: the panel's default. False with the reason in *error.
    bool exportPanel(ExportPanel panel, ExportFormat format, const QString& path, QSize size,
                     QString* error) const;

public Q_SLOTS:
    void next();
    void openInspector();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildActions();
    void buildFileMenu();
    void buildLayout();
    void loadSelectedScenario();
    void updateControls();
    void askToSaveSession();
    void askToOpenSession();
    void savePcap();
    void exportDiagram(bool svg);
    void buildExportMenu(QMenu* fileMenu);
    QWidget* callsPanel();
    void sizeCallColumns();
    void askToExport(ExportPanel panel, ExportFormat format);
    void showSource(EventSource* source);

    const ScenarioCatalog& m_catalog;
    QString m_language;
    std::optional<quint16> m_port;
    CaptureMode m_capture;
    Session* m_session = nullptr;
    std::unique_ptr<ReplaySource> m_replay;
    LogPresenter* m_presenter = nullptr;
    StageView* m_stage = nullptr;
    QComboBox* m_scenarioPicker = nullptr;
    QComboBox* m_speedPicker = nullptr;
    QLabel* m_narration = nullptr;
    QLabel* m_outcome = nullptr;
    QTableView* m_callView = nullptr;
    CallDetailsView* m_callDetails = nullptr;
    QDockWidget* m_callsDock = nullptr;
    TupleCardsView* m_tupleCards = nullptr;
    ByteOrderView* m_bytes = nullptr;
    QDockWidget* m_bytesDock = nullptr;
    QDockWidget* m_tuplesDock = nullptr;
    PacketPanel* m_packets = nullptr;
    QAction* m_nextAction = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_resetAction = nullptr;
    QAction* m_protocolAction = nullptr;
    InspectorWindow* m_inspector = nullptr;
    qreal m_basePointSize = 0;
    qreal m_appliedPointSize = 0;
    double m_speed = 1.0;
};

} // namespace SocketScope
