#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace SocketScope {

// File > Run a program: up to two command lines (a server and its client), the folder they
// start in and whether they pause at each socket call. A command line is split into words as
// a shell would, without a shell; what does not read is said under its field and OK waits.
class RunProgramDialog : public QDialog {
    Q_OBJECT
public:
    explicit RunProgramDialog(QWidget* parent = nullptr);

    void setWorkingDirectory(const QString& folder);
    // Valid once accepted: each program's words, the folder, the pause.
    QList<QStringList> programs() const { return m_programs; }
    QString workingDirectory() const;
    bool pauseAtEachCall() const;

    void accept() override;

private:
    QLineEdit* m_first = nullptr;
    QLineEdit* m_second = nullptr;
    QLineEdit* m_folder = nullptr;
    QCheckBox* m_pause = nullptr;
    QLabel* m_error = nullptr;
    QList<QStringList> m_programs;
};

} // namespace SocketScope
