#include "runprogramdialog.h"

#include "theme.h"
#include "trace/commandwords.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace SocketScope {

RunProgramDialog::RunProgramDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Run a program"));
    m_first = new QLineEdit(this);
    m_first->setObjectName(QStringLiteral("firstCommand"));
    m_first->setPlaceholderText(tr("./server 5000"));
    m_second = new QLineEdit(this);
    m_second->setObjectName(QStringLiteral("secondCommand"));
    m_second->setPlaceholderText(tr("./client 127.0.0.1 5000 (optional)"));
    m_folder = new QLineEdit(QDir::currentPath(), this);
    m_folder->setObjectName(QStringLiteral("workingFolder"));
    auto* browse = new QPushButton(tr("Choose…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("The folder the programs start in"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_pause = new QCheckBox(tr("Pause at each socket call (Next lets it go)"), this);
    m_pause->setObjectName(QStringLiteral("pauseAtEachCall"));
    m_pause->setChecked(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setWordWrap(true);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, Theme::current().error);
    m_error->setPalette(palette);
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Program and its arguments:"), m_first);
    form->addRow(tr("A second program:"), m_second);
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(m_pause);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RunProgramDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    for (QLineEdit* edit : {m_first, m_second, m_folder})
        connect(edit, &QLineEdit::textEdited, m_error, &QLabel::hide);
}

void RunProgramDialog::setWorkingDirectory(const QString& folder)
{
    m_folder->setText(folder);
}

QString RunProgramDialog::workingDirectory() const
{
    return m_folder->text();
}

bool RunProgramDialog::pauseAtEachCall() const
{
    return m_pause->isChecked();
}

void RunProgramDialog::accept()
{
    const auto refuse = [this](const QString& why) {
        m_error->setText(why);
        m_error->show();
    };
    QList<QStringList> programs;
    QString why;
    const std::optional<QStringList> first = splitCommandLine(m_first->text(), &why);
    if (!first)
        return refuse(why);
    if (first->isEmpty() || first->first().isEmpty())
        return refuse(tr("Write the program to run, with its arguments: ./server 5000"));
    programs << *first;
    if (!m_second->text().trimmed().isEmpty()) {
        const std::optional<QStringList> second = splitCommandLine(m_second->text(), &why);
        if (!second)
            return refuse(why);
        if (second->isEmpty() || second->first().isEmpty())
            return refuse(tr("The second command line names no program."));
        programs << *second;
    }
    if (!QFileInfo(m_folder->text()).isDir())
        return refuse(tr("%1 is not a folder.").arg(m_folder->text()));
    m_programs = programs;
    QDialog::accept();
}

} // namespace SocketScope
