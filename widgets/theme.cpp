#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QStyle>
#include <QStyleFactory>

#include <cmath>
#include <optional>

namespace SocketScope {

namespace {

Theme& currentTheme()
{
    static Theme theme = Theme::light();
    return theme;
}

// Taken before SocketScope sets its own palette, so that "follow the system" still knows.
std::optional<QPalette>& savedDesktopPalette()
{
    static std::optional<QPalette> palette;
    return palette;
}

QColor blend(const QColor& over, const QColor& under, qreal amount)
{
    const auto mix = [amount](float a, float b) {
        return a * float(amount) + b * float(1 - amount);
    };
    return QColor::fromRgbF(mix(over.redF(), under.redF()), mix(over.greenF(), under.greenF()),
                            mix(over.blueF(), under.blueF()));
}

double channel(double value)
{
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

} // namespace

Theme Theme::light()
{
    Theme t;
    t.isDark = false;
    t.background = QColor(0xff, 0xff, 0xff);
    t.ink = QColor(0x11, 0x11, 0x11);
    t.muted = QColor(0x70, 0x70, 0x70);
    t.rule = QColor(0x8a, 0x8a, 0x8a);
    t.alternate = QColor(0xf0, 0xf0, 0xf0);
    t.server = QColor(0x1f, 0x5f, 0xbf);
    t.client = QColor(0x1e, 0x7d, 0x32);
    t.error = QColor(0xb0, 0x00, 0x20);
    t.success = t.client;
    t.onStrong = QColor(0xff, 0xff, 0xff);
    t.bubble = QColor(0xff, 0xf4, 0xc2);
    t.paper = QColor(0xfa, 0xf6, 0xea);
    t.flag = QColor(0xd3, 0x2f, 0x2f);
    t.highlight = t.server;
    t.blank = QColor(0x00, 0x00, 0x00);
    t.tcp = t.server;
    t.udp = QColor(0x7b, 0x1f, 0xa2);
    t.byteFamily = QColor(0xd7, 0xe3, 0xf7);
    t.bytePort = QColor(0xff, 0xd5, 0x9e);
    t.byteAddress = QColor(0xc8, 0xe6, 0xc9);
    t.byteExtra = QColor(0xe1, 0xd5, 0xf0);
    t.byteOther = QColor(0xee, 0xee, 0xee);
    t.markNew = QColor(0xc8, 0xf0, 0xc8);
    t.markChanged = QColor(0xff, 0xf0, 0xa0);
    t.markClosed = QColor(0xf8, 0xc0, 0xc0);
    t.message = t.bubble;
    t.currentCall = QColor(0xe8, 0xf0, 0xfe);
    return t;
}

Theme Theme::dark()
{
    Theme t;
    t.isDark = true;
    t.background = QColor(0x12, 0x12, 0x12);
    t.ink = QColor(0xee, 0xee, 0xee);
    t.muted = QColor(0xa8, 0xa8, 0xa8);
    t.rule = QColor(0x6e, 0x6e, 0x6e);
    t.alternate = QColor(0x1e, 0x1e, 0x1e);
    t.server = QColor(0x8a, 0xb4, 0xf8);
    t.client = QColor(0x81, 0xc9, 0x95);
    t.error = QColor(0xff, 0x8a, 0x80);
    t.success = t.client;
    t.onStrong = QColor(0x12, 0x12, 0x12);
    t.bubble = QColor(0x3b, 0x34, 0x20);
    t.paper = QColor(0x2a, 0x26, 0x20);
    t.flag = QColor(0xef, 0x6c, 0x5a);
    t.highlight = t.server;
    t.blank = QColor(0x00, 0x00, 0x00);
    t.tcp = t.server;
    t.udp = QColor(0xd7, 0xae, 0xfb);
    t.byteFamily = QColor(0x24, 0x36, 0x50);
    t.bytePort = QColor(0x5c, 0x3b, 0x0c);
    t.byteAddress = QColor(0x1e, 0x44, 0x24);
    t.byteExtra = QColor(0x3c, 0x2c, 0x54);
    t.byteOther = QColor(0x2e, 0x2e, 0x2e);
    t.markNew = QColor(0x1e, 0x44, 0x24);
    t.markChanged = QColor(0x4a, 0x3f, 0x0c);
    t.markClosed = QColor(0x5a, 0x1d, 0x22);
    t.message = t.bubble;
    t.currentCall = QColor(0x1c, 0x2b, 0x44);
    return t;
}

bool Theme::isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() <
           palette.color(QPalette::WindowText).lightnessF();
}

Theme Theme::forChoice(ThemeChoice choice, const QPalette& desktop)
{
    switch (choice) {
    case ThemeChoice::System:
        return isDarkPalette(desktop) ? dark() : light();
    case ThemeChoice::Light:
        return light();
    case ThemeChoice::Dark:
        return dark();
    }
    return light();
}

const Theme& Theme::current()
{
    return currentTheme();
}

QPalette Theme::desktopPalette()
{
    return savedDesktopPalette().value_or(QGuiApplication::palette());
}

void Theme::apply(const Theme& theme)
{
    if (!savedDesktopPalette())
        savedDesktopPalette() = QGuiApplication::palette();
    currentTheme() = theme;
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return;
    // Some desktop styles draw with their own colours whatever the palette says.
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme.palette());
    // Qt posts the change to the widgets: delivered now, the switch is done on return.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::ApplicationPaletteChange);
}

QPalette Theme::palette() const
{
    QPalette p(ink, background);
    const auto both = [&p](QPalette::ColorRole role, const QColor& colour) {
        p.setColor(QPalette::Active, role, colour);
        p.setColor(QPalette::Inactive, role, colour);
    };
    const QColor window = isDark ? QColor(0x1e, 0x1e, 0x1e) : QColor(0xf5, 0xf5, 0xf5);
    const QColor button = isDark ? QColor(0x2d, 0x2d, 0x2d) : QColor(0xea, 0xea, 0xea);
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(group, QPalette::Window, window);
        p.setColor(group, QPalette::Base, background);
        p.setColor(group, QPalette::AlternateBase, alternate);
        p.setColor(group, QPalette::Button, button);
        p.setColor(group, QPalette::ToolTipBase, bubble);
        p.setColor(group, QPalette::ToolTipText, ink);
        p.setColor(group, QPalette::Light, isDark ? QColor(0x4a, 0x4a, 0x4a) : Qt::white);
        p.setColor(group, QPalette::Midlight,
                   isDark ? QColor(0x3a, 0x3a, 0x3a) : QColor(0xe0, 0xe0, 0xe0));
        p.setColor(group, QPalette::Mid, rule);
        p.setColor(group, QPalette::Dark,
                   isDark ? QColor(0x0a, 0x0a, 0x0a) : QColor(0x60, 0x60, 0x60));
        p.setColor(group, QPalette::Shadow, QColor(0x00, 0x00, 0x00));
        p.setColor(group, QPalette::Link, tcp);
        p.setColor(group, QPalette::LinkVisited, udp);
        p.setColor(group, QPalette::PlaceholderText, muted);
        p.setColor(group, QPalette::BrightText, error);
    }
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        both(role, ink);
        p.setColor(QPalette::Disabled, role, muted);
    }
    both(QPalette::Highlight, highlight);
    both(QPalette::HighlightedText, onStrong);
    p.setColor(QPalette::Disabled, QPalette::Highlight, muted);
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, onStrong);
    return p;
}

QColor Theme::tint(const QColor& colour, qreal amount) const
{
    return blend(colour, background, amount);
}

double relativeLuminance(const QColor& colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
           0.0722 * channel(rgb.blueF());
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace SocketScope
