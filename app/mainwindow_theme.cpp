// The window's theme: the choice from View > Theme, and the colours of its own labels.
#include "calllogmodel.h"
#include "logpresenter.h"
#include "mainwindow.h"

#include <QAction>
#include <QLabel>

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QGuiApplication>
#include <QStyleHints>
#endif

namespace SocketScope {

void MainWindow::setThemeChoice(ThemeChoice choice)
{
    m_themeChoice = choice;
    useTheme(choice);
}

void MainWindow::useTheme(ThemeChoice choice)
{
    m_themeShown = choice;
    // Every widget gets a PaletteChange: the painters take the theme again, the HTML panels
    // are written again, this window's labels too (changeEvent).
    Theme::apply(Theme::forChoice(choice, Theme::desktopPalette()));
    applyThemeColours();
    updateControls();
}

void MainWindow::followDesktopColours()
{
    // Qt 6.5 tells when the desktop turns dark or light; before it, "follow the system" is
    // decided from the desktop's palette when the choice is made.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this,
            [this](Qt::ColorScheme scheme) {
                if (m_themeShown == ThemeChoice::System && scheme != Qt::ColorScheme::Unknown)
                    Theme::apply(scheme == Qt::ColorScheme::Dark ? Theme::dark() : Theme::light());
            });
#endif
}

void MainWindow::applyThemeColours()
{
    const Theme& theme = Theme::current();
    // The inline message is an error: a frame and a tint as well as the words.
    m_message->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border: 2px solid %3; }")
            .arg(theme.message.name(), theme.ink.name(), theme.error.name()));
    m_currentCall->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; "
                                                "padding: 4px; }")
                                     .arg(theme.currentCall.name(), theme.ink.name()));
    QPalette blank = m_blank->palette();
    blank.setColor(QPalette::Window, theme.blank);
    m_blank->setPalette(blank);
    m_presenter->callModel()->setTheme(theme);
}

} // namespace SocketScope
