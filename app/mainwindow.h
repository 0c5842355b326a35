#pragma once

#include "appsettings.h"
#include "exportpanel.h"
#include "lab/labcommand.h"
#include "packets/packetflow.h"
#include "scenarios/scenariocatalog.h"
#include "theme.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QStringListModel;
class QMenu;
class QTableView;
class QTextBrowser;
class QToolBar;

namespace SocketScope {

class ByteOrderView;
class CallDetailsView;
class EventSource;
class InspectorWindow;
class LabConsoleView;
class LabSession;
class LogCursor;
class LogPresenter;
class NextCallMenu;
class PacketPanel;
class ReplaySource;
class Session;
class StageView;
class ProgramTerminalView;
class StatusLine;
class StepController;
class TraceSource;
struct TraceOptions;
class TupleCardsView;

// The teaching window: a scenario picker and the step controls on top, the narration and
// the stage in the centre, the call list, the 5-tuples and the bytes below, the packets on
// the side. It arranges the views and the menus; the presenter feeds the views from the log
// of the current source: a scenario run, or a saved session opened to be replayed.
// In presenter mode (F5) it is a lecture's screen: full screen, the stage and the narration
// large, the current call in large type, the docks hidden, keys like a slide show's.
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
    // The lab, when the window shows it (File > Lab): socklab's commands as real calls.
    LabSession* lab() const { return m_lab.get(); }
    LabConsoleView* labConsole() const { return m_labConsole; }
    void openLab(LabMode mode);
    // Programs run under SocketScope (File > Run a program, --run): their socket calls on the
    // stage, the scenario run and the lab stopped meanwhile.
    TraceSource* trace() const { return m_trace.get(); }
    ProgramTerminalView* programTerminal() const { return m_programTerminal; }
    void runPrograms(const TraceOptions& options);
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
    // File > Export as C: the source on show (a scenario, a replay, the lab) as C programs
    // written into `folder`; their names, or nothing with *error.
    QStringList exportC(const QString& folder, QString* error) const;
    // File > Save lab as scenario: the lab's session as a scenario file; false with *error.
    bool saveLabScenario(const QString& path, QString* error) const;
    // Brings a panel to the front: "calls", "tuples", "bytes" or "packets".
    bool showPanel(const QString& name);
    // Steps per second multiplier: 0.25 (slow motion) to 4.
    void setSpeed(double speed);
    StepController* steps() const { return m_steps; }

    // Every view's text together: 1 is the size fit for the window, Ctrl+plus and Ctrl+minus
    // change it by 10 %, within AppSettings' bounds.
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    // Presenter mode; `fullScreen` false keeps the window's size (--size with --screenshot).
    bool isPresenting() const { return m_presenting; }
    void setPresenting(bool presenting, bool fullScreen = true);
    bool isBlanked() const;
    void setBlanked(bool blanked);
    // The language of every text, switched live: "fr" or "en", or empty to follow the system.
    QString languageChoice() const { return m_languageChoice; }
    void setLanguageChoice(const QString& choice);
    // This language for now (--lang), the choice the settings keep unchanged.
    void useLanguage(const QString& language);
    QString language() const { return m_language; }
    // The colours, switched live from View > Theme: the choice the settings keep, and the
    // theme shown (--theme shows another for this run only).
    ThemeChoice themeChoice() const { return m_themeChoice; }
    ThemeChoice themeShown() const { return m_themeShown; }
    void setThemeChoice(ThemeChoice choice);
    void useTheme(ThemeChoice choice);
    // The step number typed so far (a number then Enter jumps to that step).
    QString typedStep() const { return m_typedStep; }
    // The line that replaces message boxes, so that nothing modal interrupts a lecture.
    QString inlineMessage() const;
    void showInlineMessage(const QString& message);

    AppSettings settings() const;
    void applySettings(const AppSettings& settings);
    void resetLayout();
    // Writes a picture of a panel as it is at the cursor (File > Export, --export-png/svg);
    // size empty: the panel's default. False with the reason in *error.
    bool exportPanel(ExportPanel panel, ExportFormat format, const QString& path, QSize size,
                     QString* error) const;

public Q_SLOTS:
    void next();
    void openInspector();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildLayout();
    void retranslate();
    void fillScenarioPicker();
    void selectScenarioTitled(const QString& title);
    void applyFonts();
    void fitNarration();
    void loadSelectedScenario();
    void updateControls();
    void showCurrentCall();
    bool typeStepKey(int key, const QString& text);
    void askToSaveSession();
    void askToOpenSession();
    void savePcap();
    void exportDiagram(bool svg);
    void showHelp();
    void fillGuide(QTextBrowser* guide) const;
    void escape();
    void showAbout();
    void fillExportMenu(QMenu* menu);
    QWidget* callsPanel();
    void sizeCallColumns();
    void askToExport(ExportPanel panel, ExportFormat format);
    void askToExportC();
    void askToSaveLabScenario();
    void showSource(EventSource* source);
    void createLabDock();
    void closeLab();
    void askToRunPrograms();
    void closeTrace();
    void letPausedCallGo(int paused);
    void showProgramTerminal();
    void showTraceInPicker();
    void showLabInPicker();
    void applyThemeColours();
    void followDesktopColours();

    const ScenarioCatalog& m_catalog;
    QString m_language;
    QString m_languageChoice;
    std::optional<quint16> m_port;
    CaptureMode m_capture;
    Session* m_session = nullptr;
    std::unique_ptr<ReplaySource> m_replay;
    std::unique_ptr<LabSession> m_lab;
    std::unique_ptr<TraceSource> m_trace;
    ProgramTerminalView* m_programTerminal = nullptr; // the traced programs' input and output
    QDockWidget* m_programTerminalDock = nullptr;
    QString m_scenarioBeforeLab; // the picker's scenario, shown again when the lab closes
    LabConsoleView* m_labConsole = nullptr;
    QDockWidget* m_labDock = nullptr;
    LogPresenter* m_presenter = nullptr;
    StageView* m_stage = nullptr;
    QComboBox* m_scenarioPicker = nullptr;
    QComboBox* m_speedPicker = nullptr;
    QLineEdit* m_scenarioSearch = nullptr;
    QStringListModel* m_scenarioTitles = nullptr;
    QToolBar* m_toolbar = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_narration = nullptr;
    QLabel* m_currentCall = nullptr;
    StatusLine* m_outcome = nullptr;
    QWidget* m_blank = nullptr;
    QTableView* m_callView = nullptr;
    CallDetailsView* m_callDetails = nullptr;
    QDockWidget* m_callsDock = nullptr;
    TupleCardsView* m_tupleCards = nullptr;
    ByteOrderView* m_bytes = nullptr;
    QDockWidget* m_bytesDock = nullptr;
    QDockWidget* m_tuplesDock = nullptr;
    QDockWidget* m_packetsDock = nullptr;
    PacketPanel* m_packets = nullptr;
    StepController* m_steps = nullptr;
    NextCallMenu* m_nextCallMenu = nullptr; // whose traced call goes next
    QMenu* m_fileMenu = nullptr;
    QMenu* m_stepMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_themeMenu = nullptr;
    QMenu* m_exportMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    struct Actions {
        QAction* open = nullptr;
        QAction* save = nullptr;
        QAction* savePcap = nullptr;
        QAction* exportC = nullptr;
        QAction* saveLabScenario = nullptr;
        QAction* quit = nullptr;
        QAction* back = nullptr;
        QAction* next = nullptr;
        QAction* nextCallOf = nullptr;
        QAction* forward = nullptr;
        QAction* first = nullptr;
        QAction* last = nullptr;
        QAction* run = nullptr;
        QAction* reset = nullptr;
        QAction* protocol = nullptr;
        QAction* skip = nullptr;
        QAction* presentation = nullptr;
        QAction* fullScreen = nullptr;
        QAction* blank = nullptr;
        QAction* zoomIn = nullptr;
        QAction* zoomOut = nullptr;
        QAction* zoomReset = nullptr;
        QAction* resetLayout = nullptr;
        QAction* find = nullptr;
        QAction* inspector = nullptr;
        QAction* lab = nullptr;
        QAction* labTcp = nullptr;
        QAction* labUdp = nullptr;
        QAction* runProgram = nullptr;
        QAction* systemLanguage = nullptr;
        QAction* french = nullptr;
        QAction* english = nullptr;
        QAction* systemTheme = nullptr;
        QAction* lightTheme = nullptr;
        QAction* darkTheme = nullptr;
        QAction* help = nullptr;
        QAction* about = nullptr;
    } m_actions;
    InspectorWindow* m_inspector = nullptr;
    QByteArray m_defaultLayout;
    QByteArray m_layoutBeforePresenting;
    QByteArray m_geometryBeforePresenting;
    QString m_replayName;
    Qt::WindowStates m_statesBeforePresenting;
    QString m_typedStep;
    qreal m_basePointSize = 0;
    double m_speed = 1.0;
    double m_zoom = 1.0;
    ThemeChoice m_themeChoice = ThemeChoice::Light;
    ThemeChoice m_themeShown = ThemeChoice::Light;
    bool m_presenting = false;
};

} // namespace SocketScope
