#pragma once

#include "calls/callevent.h"
#include "lab/labcommand.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace SocketScope {

class LabSession;
struct LabOptionSpec;

// getsockopt/setsockopt and fcntl's O_NONBLOCK as a form: a level, an option of the lab's
// table (laboptions.h) with an editor for its type, Get and Set. Each button makes the
// console's `options` command, so that the real call is made, printed and logged; the value
// a getsockopt (or fcntl F_GETFL) reads on the socket comes back into the editor from the
// call itself. A value that does not read is said and makes nothing.
class LabOptionForm : public QWidget {
    Q_OBJECT
public:
    explicit LabOptionForm(QWidget* parent = nullptr);

    void setLab(LabSession* lab);
    // The socket whose options are shown (-1: none), and whether a call can be made now.
    void setSocket(int id, bool ready);
    // fcntl's form: O_NONBLOCK only; else the socket options.
    void setFileFlags(bool fileFlags);
    void retranslate();

    // Which option, by its lab name ("reuseaddr"); false when the socket has no such option.
    bool chooseOption(const char* name);
    // The line Get and Set would make; nullopt with the message shown when it cannot be made.
    std::optional<LabLine> getLine();
    std::optional<LabLine> setLine();
    QString error() const;
    QString readValue() const; // what the last getsockopt of the option read, as shown

Q_SIGNALS:
    void lineMade(const SocketScope::LabLine& line);

private:
    void fillLevels();
    void fillOptions();
    void showEditors();
    void updateButtons();
    int socketType() const;
    void onCall(const CallEvent& event);
    const LabOptionSpec* spec() const;
    int domain() const;
    bool fail(const QString& message);

    LabSession* m_lab = nullptr;
    int m_socket = -1;
    bool m_ready = false;
    bool m_fileFlags = false;
    QComboBox* m_level = nullptr;
    QComboBox* m_option = nullptr;
    QCheckBox* m_on = nullptr;
    QLineEdit* m_text = nullptr;
    QLabel* m_unit = nullptr;
    QLabel* m_read = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_get = nullptr;
    QPushButton* m_set = nullptr;
    QMetaObject::Connection m_calls;
};

} // namespace SocketScope
