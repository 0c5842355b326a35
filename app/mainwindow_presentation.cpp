#include "lab/labsession.h"
#include "languages.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "packets/packetcapture.h"
#include "sources/eventsource.h"
#include "stageview.h"
#include "stepcontroller.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTextEdit>
#include <QToolBar>

// The window in front of a class: presenter mode, the blank screen, a step number typed to
// jump there, messages that never interrupt, the guide and the language switched live.
namespace SocketScope {

namespace {

// Keys typed into a field are the field's, not a step number.
bool takesText(const QWidget* widget)
{
    if (!widget)
        return false;
    if (const auto* combo = qobject_cast<const QComboBox*>(widget))
        return combo->isEditable();
    return qobject_cast<const QLineEdit*>(widget) || qobject_cast<const QTextEdit*>(widget) ||
           qobject_cast<const QPlainTextEdit*>(widget) ||
           qobject_cast<const QAbstractSpinBox*>(widget);
}

} // namespace

void MainWindow::setPresenting(bool presenting, bool fullScreen)
{
    m_actions.presentation->setChecked(presenting);
    if (m_presenting == presenting)
        return;
    m_presenting = presenting;
    if (presenting) {
        m_layoutBeforePresenting = saveState();
        m_geometryBeforePresenting = saveGeometry();
        m_statesBeforePresenting = windowState();
        for (QDockWidget* dock : {m_callsDock, m_tuplesDock, m_bytesDock, m_packetsDock})
            dock->hide();
        m_toolbar->hide();
        menuBar()->hide();
        statusBar()->hide();
        if (fullScreen)
            setWindowState(windowState() | Qt::WindowFullScreen);
    } else {
        menuBar()->show();
        statusBar()->show();
        restoreState(m_layoutBeforePresenting);
        setWindowState(m_statesBeforePresenting);
    }
    m_currentCall->setVisible(presenting);
    showCurrentCall();
    applyFonts();
}

bool MainWindow::isBlanked() const
{
    return m_blank->isVisible();
}

void MainWindow::setBlanked(bool blanked)
{
    m_actions.blank->setChecked(blanked);
    m_blank->setGeometry(rect());
    m_blank->setVisible(blanked);
    if (blanked)
        m_blank->raise();
}

QString MainWindow::inlineMessage() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void MainWindow::showInlineMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

// The call the cursor stands on, in large type in presenter mode: read from the back row.
void MainWindow::showCurrentCall()
{
    if (!m_presenting)
        return;
    const EventLog* log = m_presenter->log();
    const int position = cursor()->position();
    if (!log || position <= 0 || position > log->calls().size()) {
        m_currentCall->clear();
        return;
    }
    const CallEvent& call = log->calls().at(position - 1);
    const QString actor = m_presenter->actors().namesById().value(call.actor, call.actor);
    QString text = QStringLiteral("%1: %2").arg(actor, call.displayLine());
    if (call.failed() && call.returned())
        text += QStringLiteral("\n") + call.errorInfo().explanation;
    m_currentCall->setText(text);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Not while a menu, a drop-down or a dialog has the keys.
    if (event->type() == QEvent::KeyPress && isActiveWindow() &&
        !QApplication::activePopupWidget() && !QApplication::activeModalWidget() &&
        !takesText(QApplication::focusWidget())) {
        const auto* key = static_cast<QKeyEvent*>(event);
        // Shift too: the digits of a French keyboard's top row need it.
        const bool plain =
            !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
        if (plain && typeStepKey(key->key(), key->text()))
            return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

// A number then Enter jumps to that step, as in a slide show; the number typed so far shows
// in the message line, which presenter mode keeps.
bool MainWindow::typeStepKey(int key, const QString& text)
{
    if (text.size() == 1 && text.front().isDigit() && m_typedStep.size() < 4) {
        m_typedStep += text;
        showInlineMessage(tr("Go to step %1…").arg(m_typedStep));
        return true;
    }
    if (m_typedStep.isEmpty())
        return false;
    if (key == Qt::Key_Backspace) {
        m_typedStep.chop(1);
        showInlineMessage(m_typedStep.isEmpty() ? QString()
                                                : tr("Go to step %1…").arg(m_typedStep));
        return true;
    }
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        const int step = std::exchange(m_typedStep, QString()).toInt();
        showInlineMessage(QString());
        if (!m_steps->jumpToStep(step))
            showInlineMessage(tr("There is no step %1: this scenario has %2.")
                                  .arg(step)
                                  .arg(m_steps->stepCount()));
        return true;
    }
    return false;
}

// Escape undoes the last thing in front of the class: the lab's blocked call (as Ctrl+C), a
// number being typed, a message, the blank screen, presenter mode; else it skips the
// animation. (A description pinned on the stage takes Escape first.)
void MainWindow::escape()
{
    if (m_lab && (m_lab->isBusy() || m_lab->isAsking())) {
        m_lab->interrupt();
    } else if (!m_typedStep.isEmpty()) {
        m_typedStep.clear();
        showInlineMessage(QString());
    } else if (!inlineMessage().isEmpty()) {
        showInlineMessage(QString());
    } else if (isBlanked()) {
        setBlanked(false);
    } else if (m_presenting) {
        setPresenting(false);
    } else {
        m_stage->skipAnimation();
    }
}

void MainWindow::setLanguageChoice(const QString& choice)
{
    m_languageChoice = Languages::isSupported(choice) ? choice : QString();
    useLanguage(m_languageChoice.isEmpty() ? Languages::systemLanguage() : m_languageChoice);
}

void MainWindow::useLanguage(const QString& language)
{
    if (language != m_language) {
        m_language = language;
        // Qt sends every widget a LanguageChange event: menus, panels and dialogs follow.
        Languages::install(language);
        m_presenter->setLanguage(language);
    }
    updateControls();
}

void MainWindow::showHelp()
{
    auto* guide = findChild<QTextBrowser*>(QStringLiteral("guide"));
    if (!guide) {
        guide = new QTextBrowser(this);
        guide->setObjectName(QStringLiteral("guide"));
        guide->setWindowFlag(Qt::Window);
        guide->resize(720, 640);
    }
    fillGuide(guide);
    guide->show();
    guide->raise();
}

void MainWindow::fillGuide(QTextBrowser* guide) const
{
    guide->setWindowTitle(tr("SocketScope guide"));
    guide->setHtml(
        tr("<h2>SocketScope</h2>"
           "<p>Each step makes one real system call on real sockets of this machine; the stage "
           "draws what the kernel answered.</p>"
           "<h3>Keys</h3><ul>"
           "<li><b>Space</b>, <b>Right</b>, <b>Page Down</b>: next step (a real call at the end "
           "of what was recorded)</li>"
           "<li><b>Left</b>, <b>Page Up</b>: back (nothing is re-run)</li>"
           "<li><b>Home</b>, <b>End</b>: the first step, the last recorded step</li>"
           "<li>A number then <b>Enter</b>: go to that step</li>"
           "<li><b>P</b>: run or pause; <b>Ctrl+R</b>: reset</li>"
           "<li><b>F5</b>: presenter mode; <b>F11</b>: full screen; <b>B</b>: blank the "
           "screen; <b>Escape</b>: leave</li>"
           "<li><b>Ctrl++</b>, <b>Ctrl+-</b>, <b>Ctrl+0</b>: zoom every view</li>"
           "<li><b>V</b>: the protocol view, with technical labels</li></ul>"
           "<h3>Panels</h3><ul>"
           "<li><b>Stage</b>: each descriptor as a telephone (TCP) or a mailbox (UDP)</li>"
           "<li><b>Calls</b>: every call as strace writes it, its result and the errno "
           "explained</li>"
           "<li><b>5-tuples</b>: protocol, local and remote address and port of each "
           "socket</li>"
           "<li><b>Bytes</b>: host and network byte order of the addresses passed</li>"
           "<li><b>Packets</b>: the packets each call put on the wire, as a sequence diagram "
           "and a list</li></ul>"
           "<h3>Real packets</h3><p>Without the permission to capture, the packets are "
           "<i>inferred</i> from the calls and marked so. To see the real ones, give the "
           "capture helper the permission once:</p><pre>%1</pre>"
           "<p>Every panel can be shown again from the View menu, which also switches the "
           "theme: light, dark or as the system.</p>")
            .arg(PacketCapture::enableCommand(PacketCapture::defaultHelperPath()).toHtmlEscaped()));
    guide->show();
    guide->raise();
}

void MainWindow::showAbout()
{
    // Not modal: it never holds a lecture up.
    auto* about = new QMessageBox(QMessageBox::NoIcon, tr("About SocketScope"),
                                  tr("<h3>SocketScope %1</h3>"
                                     "<p>BSD sockets made visible: real system calls, stepped "
                                     "and explained.</p><p>Free software under the MIT "
                                     "licence.</p>")
                                      .arg(QCoreApplication::applicationVersion()),
                                  QMessageBox::Close, this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->setModal(false);
    about->show();
}

} // namespace SocketScope
