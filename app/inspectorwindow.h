#pragma once

#include "kernel/inspectorrow.h"

#include <QMainWindow>
#include <QThread>

class QAction;
class QCheckBox;
class QComboBox;
class QToolBar;
class QLabel;
class QLineEdit;
class QTableView;

namespace SocketScope {

class LogPresenter;
class SocketDetailPanel;
class SocketTableModel;
class SocketWatcher;
struct SocketTableUpdate;

// The live inspector: every socket of the machine as ss shows it, refreshed on a worker
// thread, with new/changed/closed rows coloured for a moment, filters, and the selected
// socket in detail. The session's sockets are marked; for them the state machine follows
// the event log's cursor (Back/Forward), and choosing one finds its 5-tuple card.
class InspectorWindow : public QMainWindow {
    Q_OBJECT
public:
    // `presenter` gives the session's log and cursor (none: the machine's sockets only).
    explicit InspectorWindow(LogPresenter* presenter, QWidget* parent = nullptr);
    ~InspectorWindow() override;

    SocketTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    SocketDetailPanel* details() const { return m_details; }
    QLineEdit* textFilter() const { return m_text; }
    QLineEdit* portFilter() const { return m_port; }
    QComboBox* stateFilter() const { return m_state; }
    QLineEdit* processFilter() const { return m_process; }
    QCheckBox* sessionOnly() const { return m_sessionOnly; }
    QAction* pauseAction() const { return m_pause; }
    QComboBox* intervalPicker() const { return m_interval; }
    QString statusText() const;
    // Selects the row of this key (what tests and the main window use); false if absent.
    bool selectKey(const QString& key);
    QString selectedKey() const { return m_selectedKey; }
    // The filter the fields ask for; the table shows it once an update made with it arrives.
    const SocketFilter& filter() const { return m_filter; }

    // The last refresh request the table shows the answer to.
    quint64 shownTicket() const { return m_shownTicket; }

public Q_SLOTS:
    // Returns the request's ticket: once shownTicket() reaches it, the table shows a
    // snapshot taken after the request.
    quint64 refreshNow();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

Q_SIGNALS:
    void sessionSocketChosen(const SocketScope::PacketEnd& end);
    // Every update shown, after the table took it: tests wait on it.
    void refreshed(quint64 generation);

private:
    void buildToolBar();
    void retranslate();
    void applyFilter();
    void markPortFilter();
    void onUpdate(const SocketTableUpdate& update);
    void onSessionChanged();
    void showSelected();
    void showStatus();
    // Refreshing only while shown and not paused: a closed inspector costs nothing.
    void updateRunning();
    bool isRunning() const;

    void followSource();

    LogPresenter* m_presenter;
    QThread m_thread;
    SocketWatcher* m_watcher;
    SocketTableModel* m_model;
    QTableView* m_table;
    SocketDetailPanel* m_details;
    QLineEdit* m_text = nullptr;
    QLineEdit* m_port = nullptr;
    QComboBox* m_state = nullptr;
    QLineEdit* m_process = nullptr;
    QCheckBox* m_sessionOnly = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_refresh = nullptr;
    QToolBar* m_toolbar = nullptr;
    QComboBox* m_interval = nullptr;
    QLabel* m_status;
    QString m_filterError;
    QString m_updateStatus;
    SocketFilter m_filter;
    QString m_selectedKey;
    std::optional<InspectorRow> m_selected;
    quint64 m_ticket = 0;
    quint64 m_shownTicket = 0;
};

} // namespace SocketScope
