#pragma once

#include "lab/labcommand.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace SocketScope {

class LabOptionForm;
class LabSession;

// The lab's calls as forms: one call chosen, the arguments it takes, the socket from the
// current terminal's. A click builds the command the console would have read from the
// typed line (its spec, words and flags), once every field reads as what it must be; a field
// that does not gets its message beside it and nothing is made.
class LabCallForm : public QWidget {
    Q_OBJECT
public:
    // The forms, in the order of a client's or a server's life. getsockopt/setsockopt and
    // fcntl make the console's options command (laboptionform.h).
    enum class Family { IPv4, IPv6Only, IPv6Dual, Local };
    enum class Form {
        Socket,
        Bind,
        Listen,
        Accept,
        Connect,
        Send,
        Receive,
        Shutdown,
        Wait,
        Names,
        Options,
        Fcntl,
        Close
    };
    Q_ENUM(Form)

    explicit LabCallForm(QWidget* parent = nullptr);

    // The lab whose mode, terminal and sockets the form offers; nullptr: none.
    void setLab(LabSession* lab);
    // The current terminal's sockets again, its current one chosen; and whether a call can be
    // made now (no command running).
    void refresh();
    void retranslate();

    void setForm(Form form);
    // write/send/sendto, read/recv/recvfrom, select/poll, getsockname/getpeername: which one.
    void setVariant(int index);
    // The command the fields make, or nullopt with each wrong field's message shown.
    std::optional<LabLine> line();
    // What is shown beside each field that does not read: empty when all did.
    QStringList errors() const;
    static QString breakLines(const QString& text, qsizetype width = 60);
    LabOptionForm* optionForm() const { return m_options; }

Q_SIGNALS:
    void lineMade(const SocketScope::LabLine& line);

private:
    struct Field {
        QWidget* editor = nullptr;
        QLabel* label = nullptr;
        QLabel* error = nullptr; // nullptr: the editor cannot hold a wrong value
        QWidget* row = nullptr;
    };

    QWidget* addRow(const QString& name, QWidget* editor, bool validated);
    void fillVariants();
    void showFormRows();
    void updateMake();
    void showAddressRows(); // a path for an AF_UNIX socket, a host and a port otherwise
    void nameProtocols();
    bool localSocketChosen() const;
    Family family() const;
    LabVerb verb() const;
    const LabCommandSpec* spec(LabVerb verb) const;
    std::optional<QString> word(LabArgument argument, LabFlags flags);
    bool fail(const QString& field, const QString& message);
    void clearErrors();
    void make();

    LabSession* m_lab = nullptr;
    QFormLayout* m_layout = nullptr;
    QComboBox* m_form = nullptr;
    QComboBox* m_variant = nullptr;
    QComboBox* m_socket = nullptr;
    QComboBox* m_protocol = nullptr;
    QComboBox* m_family = nullptr;
    QLineEdit* m_host = nullptr;
    QLineEdit* m_port = nullptr;
    QSpinBox* m_backlog = nullptr;
    QLineEdit* m_size = nullptr;
    QLineEdit* m_message = nullptr;
    QComboBox* m_payload = nullptr; // LabPayload: socklab's text, hexadecimal, escapes
    QComboBox* m_direction = nullptr;
    QListWidget* m_waitOn = nullptr;
    QSpinBox* m_timeout = nullptr;
    LabOptionForm* m_options = nullptr;
    QHash<LabFlag, QCheckBox*> m_flags;
    QHash<QString, Field> m_fields; // by the editor's object name
    QLabel* m_notice = nullptr;     // why the chosen call cannot be made here
    QPushButton* m_make = nullptr;
};

} // namespace SocketScope
