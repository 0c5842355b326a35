#pragma once

#include "packets/packetflow.h"
#include "scenarios/scenariocatalog.h"

#include <QMainWindow>
#include <QTimer>

#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QTableView;

namespace SocketScope {

class ByteOrderView;
class InspectorWindow;
class PacketPanel;
class CallLogModel;
class TupleCardsView;
class LogCursor;
class Session;
class StageView;

// The teaching window: a scenario picker and the step controls on top, the narration and
// the stage in the centre, the call list in a dock (later panels dock beside it). Every
// view draws the session's log up to the shared cursor.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const ScenarioCatalog& catalog, const QString& language, std::optional<quint16> port,
               CaptureMode capture = CaptureMode::CaptureIfPermitted, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return m_session; }
    StageView* stage() const { return m_stage; }
    TupleCardsView* tupleCards() const { return m_tupleCards; }
    ByteOrderView* bytes() const { return m_bytes; }
    PacketPanel* packets() const { return m_packets; }
    LogCursor* cursor() const { return m_cursor; }
    // The live inspector's window, created on first use.
    InspectorWindow* inspector();
    bool selectScenario(const QString& id);
    // Brings a panel to the front: "calls", "tuples", "bytes" or "packets".
    bool showPanel(const QString& name);
    // Steps per second multiplier: 0.25 (slow motion) to 4.
    void setSpeed(double speed);

public Q_SLOTS:
    void next();
    void openInspector();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildActions();
    void buildLayout();
    void loadSelectedScenario();
    void showCursor();
    void updateControls();
    void saveTrace();
    void savePcap();
    void exportDiagram(bool svg);
    void showPackets();
    void showPacket(qint64 packetSeq);
    QString narrationAt(int position) const;

    const ScenarioCatalog& m_catalog;
    QString m_language;
    std::optional<quint16> m_port;
    CaptureMode m_capture;
    Session* m_session = nullptr;
    LogCursor* m_cursor = nullptr;
    CallLogModel* m_callModel = nullptr;
    StageView* m_stage = nullptr;
    QComboBox* m_scenarioPicker = nullptr;
    QComboBox* m_speedPicker = nullptr;
    QLabel* m_narration = nullptr;
    QLabel* m_outcome = nullptr;
    QTableView* m_callView = nullptr;
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
    QTimer m_clock; // ages the "blocked for ..." texts
    qreal m_basePointSize = 0;
    qreal m_appliedPointSize = 0;
};

} // namespace SocketScope
