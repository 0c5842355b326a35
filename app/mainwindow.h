#pragma once

#include "scenariocatalog.h"

#include <QMainWindow>
#include <QTimer>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace SocketScope {

class CallLogModel;
class Session;

// The teaching window: pick a scenario, step through it one real call at a time, read the
// narration and the call list.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const ScenarioCatalog& catalog, const QString& language, std::optional<quint16> port,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return m_session; }
    bool selectScenario(const QString& id);

private:
    void loadSelectedScenario();
    void updateControls();
    void showNarration(int index);

    const ScenarioCatalog& m_catalog;
    QString m_language;
    std::optional<quint16> m_port;
    Session* m_session = nullptr;
    CallLogModel* m_callModel = nullptr;
    QComboBox* m_scenarioPicker = nullptr;
    QLabel* m_narration = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_callView = nullptr;
    QPushButton* m_nextButton = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_resetButton = nullptr;
    QTimer m_clock; // ages the "blocked for ..." rows
};

} // namespace SocketScope
