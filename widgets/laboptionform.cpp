#include "laboptionform.h"

#include "calls/errnoinfo.h"
#include "lab/laboptions.h"
#include "lab/labsession.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <array>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

// The levels a form offers, as C names them; fcntl's file flags stand apart.
constexpr std::array<std::pair<int, const char*>, 4> levels{{
    {SOL_SOCKET, "SOL_SOCKET"},
    {IPPROTO_TCP, "IPPROTO_TCP"},
    {IPPROTO_IP, "IPPROTO_IP"},
    {IPPROTO_IPV6, "IPPROTO_IPV6"},
}};

// Whether the form offers the option: nodelay is nonblock again, asynchrone is refused.
bool offered(const LabOptionSpec& spec, bool fileFlags)
{
    if (spec.kind == LabOptionKind::Refused || spec.option == LabOption::NoDelay)
        return false;
    return fileFlags == (spec.kind == LabOptionKind::NonBlock);
}

} // namespace

LabOptionForm::LabOptionForm(QWidget* parent)
    : QWidget(parent)
    , m_level(new QComboBox(this))
    , m_option(new QComboBox(this))
    , m_on(new QCheckBox(this))
    , m_text(new QLineEdit(this))
    , m_unit(new QLabel(this))
    , m_read(new QLabel(this))
    , m_error(new QLabel(this))
    , m_get(new QPushButton(this))
    , m_set(new QPushButton(this))
{
    m_level->setObjectName(QStringLiteral("optionLevel"));
    m_option->setObjectName(QStringLiteral("optionName"));
    m_on->setObjectName(QStringLiteral("optionOn"));
    m_text->setObjectName(QStringLiteral("optionValue"));
    m_read->setObjectName(QStringLiteral("optionRead"));
    m_error->setObjectName(QStringLiteral("optionError"));
    m_get->setObjectName(QStringLiteral("optionGet"));
    m_set->setObjectName(QStringLiteral("optionSet"));
    m_read->setWordWrap(true);
    m_error->setWordWrap(true);
    m_read->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, Theme::current().error);
    m_error->setPalette(palette);

    auto* value = new QHBoxLayout;
    value->setContentsMargins(0, 0, 0, 0);
    value->addWidget(m_on);
    value->addWidget(m_text, 1);
    value->addWidget(m_unit);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_get);
    buttons->addWidget(m_set);
    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addRow(QStringLiteral("level"), m_level);
    layout->addRow(QStringLiteral("option"), m_option);
    layout->addRow(QStringLiteral("value"), value);
    layout->addRow(m_read);
    layout->addRow(m_error);
    layout->addRow(buttons);

    connect(m_level, &QComboBox::currentIndexChanged, this, &LabOptionForm::fillOptions);
    connect(m_option, &QComboBox::currentIndexChanged, this, &LabOptionForm::showEditors);
    connect(m_get, &QPushButton::clicked, this, [this] {
        if (const auto line = getLine())
            Q_EMIT lineMade(*line);
    });
    connect(m_set, &QPushButton::clicked, this, [this] {
        if (const auto line = setLine())
            Q_EMIT lineMade(*line);
    });
    connect(m_text, &QLineEdit::returnPressed, m_set, &QPushButton::click);
    retranslate();
    fillLevels();
}

void LabOptionForm::setLab(LabSession* lab)
{
    disconnect(m_calls);
    m_lab = lab;
    if (lab)
        m_calls =
            connect(&lab->session().log(), &EventLog::callAppended, this, &LabOptionForm::onCall);
    m_socket = -1;
    fillLevels();
}

void LabOptionForm::setSocket(int id, bool ready)
{
    m_ready = ready;
    if (id != m_socket) {
        m_socket = id;
        fillLevels();
    }
    updateButtons();
}

void LabOptionForm::setFileFlags(bool fileFlags)
{
    if (fileFlags == m_fileFlags)
        return;
    m_fileFlags = fileFlags;
    fillLevels();
}

void LabOptionForm::retranslate()
{
    auto* layout = qobject_cast<QFormLayout*>(this->layout());
    if (layout) {
        layout->itemAt(0, QFormLayout::LabelRole)->widget()->setProperty("text", tr("Level"));
        layout->itemAt(1, QFormLayout::LabelRole)->widget()->setProperty("text", tr("Option"));
        layout->itemAt(2, QFormLayout::LabelRole)->widget()->setProperty("text", tr("Value"));
    }
    m_get->setText(tr("Get"));
    m_set->setText(tr("Set"));
    m_get->setToolTip(tr("Read the value with a real getsockopt (fcntl F_GETFL for O_NONBLOCK)"));
    m_set->setToolTip(tr("Set the value with a real setsockopt (fcntl F_SETFL for O_NONBLOCK)"));
    if (m_fileFlags && m_level->count() > 0)
        m_level->setItemText(0, tr("fcntl: the file's flags (F_GETFL, F_SETFL)"));
    showEditors();
}

int LabOptionForm::domain() const
{
    return m_lab && m_lab->sockets().contains(m_socket) ? m_lab->sockets().value(m_socket).domain
                                                        : AF_INET;
}

// Without a socket, a TCP socket's options are shown, to be read before one is made.
int LabOptionForm::socketType() const
{
    return m_lab && m_lab->sockets().contains(m_socket) ? m_lab->sockets().value(m_socket).type
                                                        : int(SOCK_STREAM);
}

// The levels that have an option for the socket: its family and type decide.
void LabOptionForm::fillLevels()
{
    const int chosen = m_level->currentData().isValid() ? m_level->currentData().toInt() : -2;
    const QSignalBlocker quiet(m_level);
    m_level->clear();
    if (m_fileFlags) {
        m_level->addItem(tr("fcntl: the file's flags (F_GETFL, F_SETFL)"), -1);
    } else {
        for (const auto& [level, name] : levels) {
            for (const LabOptionSpec& spec : labOptionSpecs()) {
                if (offered(spec, false) && labOptionApplies(spec, domain(), socketType()) &&
                    labOptionTarget(spec, domain()).first == level) {
                    m_level->addItem(QLatin1StringView(name), level);
                    break;
                }
            }
        }
    }
    m_level->setCurrentIndex(std::max(0, m_level->findData(chosen)));
    fillOptions();
}

void LabOptionForm::fillOptions()
{
    const QString chosen = m_option->currentText();
    const QSignalBlocker quiet(m_option);
    m_option->clear();
    const int level = m_level->currentData().toInt();
    const QList<LabOptionSpec>& specs = labOptionSpecs();
    for (qsizetype i = 0; i < specs.size(); ++i) {
        const LabOptionSpec& spec = specs.at(i);
        if (!offered(spec, m_fileFlags) || !labOptionApplies(spec, domain(), socketType()))
            continue;
        if (!m_fileFlags && labOptionTarget(spec, domain()).first != level)
            continue;
        m_option->addItem(QStringLiteral("%1 (%2)").arg(labOptionCName(spec, domain()),
                                                        QLatin1StringView(spec.name)),
                          int(i));
    }
    m_option->setCurrentIndex(std::max(0, m_option->findText(chosen)));
    showEditors();
}

const LabOptionSpec* LabOptionForm::spec() const
{
    const QVariant index = m_option->currentData();
    return index.isValid() ? &labOptionSpecs().at(index.toInt()) : nullptr;
}

// The editor of the option's type: a box for a flag, a number, seconds, both for linger.
void LabOptionForm::showEditors()
{
    const LabOptionSpec* chosen = spec();
    const LabOptionKind kind = chosen ? chosen->kind : LabOptionKind::Refused;
    const bool settable = chosen && chosen->settable;
    const bool box = settable && (kind == LabOptionKind::Flag || kind == LabOptionKind::NonBlock ||
                                  kind == LabOptionKind::Linger);
    const bool text = settable && (kind == LabOptionKind::Integer ||
                                   kind == LabOptionKind::Seconds || kind == LabOptionKind::Linger);
    m_on->setVisible(box);
    m_text->setVisible(text);
    m_on->setText(kind == LabOptionKind::NonBlock ? tr("O_NONBLOCK: calls do not wait") : tr("on"));
    m_text->setPlaceholderText(kind == LabOptionKind::Integer ? tr("a whole number")
                                                              : tr("seconds: 0.5, 2"));
    m_unit->setText(!chosen     ? QString()
                    : !settable ? tr("read only: getsockopt")
                    : kind == LabOptionKind::Seconds || kind == LabOptionKind::Linger ? tr("s")
                                                                                      : QString());
    m_read->clear();
    m_error->clear();
    m_error->hide();
    updateButtons();
}

void LabOptionForm::updateButtons()
{
    const LabOptionSpec* chosen = spec();
    m_get->setEnabled(m_ready && chosen);
    m_set->setEnabled(m_ready && chosen && chosen->settable);
}

bool LabOptionForm::chooseOption(const char* name)
{
    for (int i = 0; i < m_level->count(); ++i) {
        m_level->setCurrentIndex(i);
        for (int j = 0; j < m_option->count(); ++j) {
            if (QLatin1StringView(labOptionSpecs().at(m_option->itemData(j).toInt()).name) ==
                QLatin1StringView(name)) {
                m_option->setCurrentIndex(j);
                return true;
            }
        }
    }
    return false;
}

bool LabOptionForm::fail(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    return false;
}

std::optional<LabLine> LabOptionForm::getLine()
{
    m_error->hide();
    const LabOptionSpec* chosen = spec();
    if (!m_lab || !chosen)
        return std::nullopt;
    if (!m_lab->sockets().contains(m_socket)) {
        fail(tr("%1 has no socket: make one with the socket form first")
                 .arg(LabSession::terminalName(m_lab->terminal())));
        return std::nullopt;
    }
    return LabLine{labCommand(m_lab->mode(), LabVerb::Options),
                   {QString::number(m_socket), QLatin1StringView(chosen->name)},
                   LabFlag::Get};
}

std::optional<LabLine> LabOptionForm::setLine()
{
    auto line = getLine();
    const LabOptionSpec* chosen = spec();
    if (!line || !chosen->settable)
        return std::nullopt;
    // The editors as the console's name=value would type them, read by the same parser.
    const QString on = m_on->isChecked() ? QStringLiteral("1") : QStringLiteral("0");
    QString typed = m_text->text().trimmed();
    switch (chosen->kind) {
    case LabOptionKind::Flag:
    case LabOptionKind::NonBlock:
        typed = on;
        break;
    case LabOptionKind::Linger:
        typed = on + QLatin1Char(',') + (typed.isEmpty() ? QStringLiteral("0") : typed);
        break;
    case LabOptionKind::Integer:
    case LabOptionKind::Seconds:
    case LabOptionKind::Refused:
        break;
    }
    QString error;
    const auto value = parseLabOptionValue(*chosen, typed, &error);
    if (!value) {
        fail(error);
        return std::nullopt;
    }
    line->words.last() += QLatin1Char('=') + labOptionValueText(*chosen, *value);
    line->flags = {};
    return line;
}

// A value read on the chosen socket, by the form's Get or a command typed in the console.
void LabOptionForm::onCall(const CallEvent& event)
{
    const LabOptionSpec* chosen = spec();
    if (!chosen || event.fd() != m_socket)
        return;
    OptionValue value = event.results.value;
    if (chosen->kind == LabOptionKind::NonBlock) {
        if (event.call != Call::Fcntl || event.arguments.command != F_GETFL)
            return;
        value.kind = OptionValue::Kind::Integer;
        value.integer = (event.ret & O_NONBLOCK) ? 1 : 0;
    } else if (event.call != Call::GetSockOpt ||
               std::pair(event.arguments.level, event.arguments.option) !=
                   labOptionTarget(*chosen, domain())) {
        return;
    }
    if (event.failed()) {
        m_read->setText(
            tr("%1 failed: %2").arg(Calls::name(event.call), errnoInfo(event.error).name));
        return;
    }
    m_read->setText(tr("Read: %1").arg(labOptionShown(*chosen, domain(), value)));
    switch (chosen->kind) {
    case LabOptionKind::Integer:
    case LabOptionKind::Seconds:
        m_text->setText(labOptionValueText(*chosen, value));
        break;
    case LabOptionKind::Linger:
        m_on->setChecked(value.integer != 0);
        m_text->setText(QString::number(value.lingerSeconds));
        break;
    case LabOptionKind::Flag:
    case LabOptionKind::NonBlock:
        m_on->setChecked(value.integer != 0);
        break;
    case LabOptionKind::Refused:
        break;
    }
}

QString LabOptionForm::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString LabOptionForm::readValue() const
{
    return m_read->text();
}

} // namespace SocketScope
