#include "byteconverter.h"

#include "calls/byteorder.h"
#include "calls/crender.h"
#include "theme.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace SocketScope {

ByteConverter::ByteConverter(QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_input(new QLineEdit(this))
    , m_result(new QLabel(this))
    , m_error(new QLabel(this))
    , m_kindLabel(new QLabel(this))
    , m_valueLabel(new QLabel(this))
{
    m_kind->addItems({QString(), QString(), QString()});
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showErrorInTheme();
    m_error->setWordWrap(true);
    auto* layout = new QFormLayout(this);
    layout->addRow(m_kindLabel, m_kind);
    layout->addRow(m_valueLabel, m_input);
    layout->addRow(m_result);
    layout->addRow(m_error);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ByteConverter::convert);
    connect(m_input, &QLineEdit::textChanged, this, &ByteConverter::convert);
    retranslate();
    setInput(0, QStringLiteral("5000"));
}

void ByteConverter::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        convert();
    }
    if (event->type() == QEvent::PaletteChange)
        showErrorInTheme();
    QWidget::changeEvent(event);
}

void ByteConverter::showErrorInTheme()
{
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, Theme::current().error);
    m_error->setPalette(palette);
}

void ByteConverter::retranslate()
{
    m_kind->setItemText(0, tr("port (16 bits, htons)"));
    m_kind->setItemText(1, tr("number (32 bits, htonl)"));
    m_kind->setItemText(2, tr("IPv4 or IPv6 address (inet_pton)"));
    m_input->setPlaceholderText(tr("5000, 325, 0x7f000001, 127.0.0.1, ::1"));
    m_input->setAccessibleName(tr("Value to convert"));
    m_kindLabel->setText(tr("Convert:"));
    m_valueLabel->setText(tr("Value:"));
}

QString ByteConverter::resultText() const
{
    return m_result->text();
}

QString ByteConverter::errorText() const
{
    return m_error->text();
}

void ByteConverter::setInput(int kind, const QString& text)
{
    m_kind->setCurrentIndex(kind);
    m_input->setText(text);
    convert();
}

void ByteConverter::convert()
{
    const QString text = m_input->text();
    QString error;
    m_result->clear();
    if (text.trimmed().isEmpty()) {
        m_error->clear();
        return;
    }
    if (m_kind->currentIndex() == 2) {
        int family = 0;
        const auto bytes = ByteOrder::convertAddress(text, &family, &error);
        m_error->setText(error);
        if (bytes) {
            m_result->setText(tr("network order (as stored in sin_addr): <tt>%1</tt>")
                                  .arg(CRender::hexBytes(*bytes)));
        }
        return;
    }
    const int bits = m_kind->currentIndex() == 0 ? 16 : 32;
    const auto conversion = ByteOrder::convertNumber(text, bits, &error);
    m_error->setText(error);
    if (!conversion)
        return;
    m_result->setText(tr("host order (this machine): <tt>%1</tt><br>network order (%2): "
                         "<tt>%3</tt><br>the host's bytes read in the other order: %4")
                          .arg(CRender::hexBytes(conversion->hostBytes),
                               bits == 16 ? QStringLiteral("htons") : QStringLiteral("htonl"),
                               CRender::hexBytes(conversion->networkBytes))
                          .arg(conversion->misreadValue));
}

} // namespace SocketScope
