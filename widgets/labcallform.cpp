#include "labcallform.h"

#include "lab/labsession.h"
#include "laboptionform.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <sys/socket.h>

namespace SocketScope {

namespace {

// The MSG_ flags a form offers, as the C names them; each shown where the command takes it.
constexpr std::array<std::pair<LabFlag, const char*>, 6> messageFlags{{
    {LabFlag::Peek, "MSG_PEEK"},
    {LabFlag::Oob, "MSG_OOB"},
    {LabFlag::WaitAll, "MSG_WAITALL"},
    {LabFlag::DontRoute, "MSG_DONTROUTE"},
    {LabFlag::NoSignal, "MSG_NOSIGNAL"},
    {LabFlag::DontWait, "MSG_DONTWAIT"},
}};

// The calls a form makes, by the variant chosen: write/send/sendto...
QList<LabVerb> variantsOf(LabCallForm::Form form)
{
    using F = LabCallForm::Form;
    switch (form) {
    case F::Send:
        return {LabVerb::Write, LabVerb::Send, LabVerb::SendTo};
    case F::Receive:
        return {LabVerb::Read, LabVerb::Recv, LabVerb::RecvFrom};
    case F::Wait:
        return {LabVerb::Select, LabVerb::Poll};
    case F::Names:
        return {LabVerb::GetSockName, LabVerb::GetPeerName};
    case F::Socket:
        return {LabVerb::Socket, LabVerb::Socket6};
    case F::Bind:
        return {LabVerb::Bind};
    case F::Listen:
        return {LabVerb::Listen};
    case F::Accept:
        return {LabVerb::Accept};
    case F::Connect:
        return {LabVerb::Connect};
    case F::Shutdown:
        return {LabVerb::Shutdown};
    case F::Options:
    case F::Fcntl:
        return {LabVerb::Options};
    case F::Close:
        return {LabVerb::Close};
    }
    return {};
}

} // namespace

// A message in lines of about `width` characters, broken between words.
QString LabCallForm::breakLines(const QString& text, qsizetype width)
{
    QStringList lines{QString()};
    for (const QString& word : text.split(QLatin1Char(' '))) {
        if (!lines.last().isEmpty() && lines.last().size() + 1 + word.size() > width)
            lines << QString();
        lines.last() += (lines.last().isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    return lines.join(QLatin1Char('\n'));
}

namespace {

// The editor that gives an argument's word; empty when a form has none for it.
QString editorFor(LabArgument argument)
{
    switch (argument) {
    case LabArgument::Protocol:
        return QStringLiteral("protocol");
    case LabArgument::Id:
        return QStringLiteral("socket");
    case LabArgument::Host:
        return QStringLiteral("host");
    case LabArgument::Port:
        return QStringLiteral("port");
    case LabArgument::Backlog:
        return QStringLiteral("backlog");
    case LabArgument::ByteCount:
        return QStringLiteral("size");
    case LabArgument::Message:
        return QStringLiteral("message");
    case LabArgument::Direction:
        return QStringLiteral("direction");
    case LabArgument::Ids:
        return QStringLiteral("waitOn");
    case LabArgument::TimeoutMs:
        return QStringLiteral("timeout");
    case LabArgument::OptionNames:
        return QStringLiteral("option");
    case LabArgument::MessageCount:
    case LabArgument::Group:
    case LabArgument::Interface:
    case LabArgument::Service:
    case LabArgument::CommandNames:
    case LabArgument::Terminal:
        return {};
    }
    return {};
}

} // namespace

LabCallForm::LabCallForm(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QFormLayout)
    , m_form(new QComboBox(this))
    , m_variant(new QComboBox(this))
    , m_socket(new QComboBox(this))
    , m_protocol(new QComboBox(this))
    , m_family(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_backlog(new QSpinBox(this))
    , m_size(new QLineEdit(this))
    , m_message(new QLineEdit(this))
    , m_payload(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_waitOn(new QListWidget(this))
    , m_timeout(new QSpinBox(this))
    , m_options(new LabOptionForm(this))
    , m_notice(new QLabel(this))
    , m_make(new QPushButton(this))
{
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const auto form : {Form::Socket, Form::Bind, Form::Listen, Form::Accept, Form::Connect,
                            Form::Send, Form::Receive, Form::Shutdown, Form::Wait, Form::Names,
                            Form::Options, Form::Fcntl, Form::Close})
        m_form->addItem(QString(), int(form));
    for (const LabPayload payload : {LabPayload::Text, LabPayload::Escapes, LabPayload::Hex})
        m_payload->addItem(QString(), int(payload));
    m_protocol->addItems({QStringLiteral("TCP (SOCK_STREAM)"), QStringLiteral("UDP (SOCK_DGRAM)")});
    for (const Family family : {Family::IPv4, Family::IPv6Only, Family::IPv6Dual, Family::Local})
        m_family->addItem(QString(), int(family));
    m_direction->addItems({QString(), QString(), QString()});
    m_host->setText(QStringLiteral("127.0.0.1"));
    m_port->setText(QStringLiteral("0"));
    m_backlog->setRange(0, 65535);
    m_backlog->setValue(5);
    m_size->setText(QStringLiteral("100"));
    m_timeout->setRange(-1, 3'600'000);
    m_timeout->setValue(-1);
    m_waitOn->setMaximumHeight(m_waitOn->fontMetrics().height() * 4);

    const QList<std::pair<QWidget*, bool>> editors{
        {m_form, false},   {m_variant, false}, {m_socket, true},     {m_protocol, false},
        {m_family, true},  {m_host, true},     {m_port, true},       {m_backlog, false},
        {m_size, true},    {m_message, true},  {m_direction, false}, {m_waitOn, true},
        {m_timeout, false}};
    const QStringList names{
        QStringLiteral("form"),     QStringLiteral("variant"),   QStringLiteral("socket"),
        QStringLiteral("protocol"), QStringLiteral("family"),    QStringLiteral("host"),
        QStringLiteral("port"),     QStringLiteral("backlog"),   QStringLiteral("size"),
        QStringLiteral("message"),  QStringLiteral("direction"), QStringLiteral("waitOn"),
        QStringLiteral("timeout")};
    for (qsizetype i = 0; i < editors.size(); ++i) {
        editors[i].first->setObjectName(names[i]);
        addRow(names[i], editors[i].first, editors[i].second);
    }
    // The message's form beside it: text in socklab's syntax, with escapes, or hexadecimal.
    m_payload->setObjectName(QStringLiteral("payload"));
    qobject_cast<QHBoxLayout*>(
        m_fields[QStringLiteral("message")].row->layout()->itemAt(0)->layout())
        ->addWidget(m_payload);
    m_options->setObjectName(QStringLiteral("option"));
    addRow(QStringLiteral("option"), m_options, false);
    auto* flags = new QWidget(this);
    flags->setObjectName(QStringLiteral("flags"));
    auto* flagsLayout = new QGridLayout(flags);
    flagsLayout->setContentsMargins(0, 0, 0, 0);
    for (const auto& [flag, name] : messageFlags) {
        auto* box = new QCheckBox(QLatin1String(name), flags);
        box->setObjectName(QLatin1String(name));
        m_flags.insert(flag, box);
    }
    flagsLayout->setColumnStretch(2, 1);
    addRow(QStringLiteral("flags"), flags, false);

    m_notice->setWordWrap(true);
    m_make->setObjectName(QStringLiteral("make"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_notice, 1);
    buttons->addWidget(m_make);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addLayout(m_layout);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(m_form, &QComboBox::currentIndexChanged, this, &LabCallForm::fillVariants);
    connect(m_variant, &QComboBox::currentIndexChanged, this, &LabCallForm::showFormRows);
    connect(m_family, &QComboBox::currentIndexChanged, this, &LabCallForm::showFormRows);
    connect(m_make, &QPushButton::clicked, this, &LabCallForm::make);
    // The message's field says how the chosen form of it reads.
    connect(m_payload, &QComboBox::currentIndexChanged, this, [this] {
        m_message->setPlaceholderText(m_payload->currentData(Qt::ToolTipRole).toString());
        clearErrors();
    });
    connect(m_socket, &QComboBox::currentIndexChanged, this, &LabCallForm::updateMake);
    connect(m_socket, &QComboBox::currentIndexChanged, this, &LabCallForm::showAddressRows);
    connect(m_options, &LabOptionForm::lineMade, this, &LabCallForm::lineMade);
    for (QLineEdit* edit : {m_host, m_port, m_size, m_message}) {
        connect(edit, &QLineEdit::returnPressed, this, &LabCallForm::make);
        // A message about what was typed goes once the user types again.
        connect(edit, &QLineEdit::textEdited, this, &LabCallForm::clearErrors);
    }
    retranslate();
    setLab(nullptr);
}

// The calls the chosen form makes, those the lab's mode has.
void LabCallForm::fillVariants()
{
    const QSignalBlocker quiet(m_variant);
    m_variant->clear();
    if (m_form->currentData().toInt() != int(Form::Socket)) {
        for (const LabVerb each : variantsOf(Form(m_form->currentData().toInt()))) {
            if (const LabCommandSpec* command = spec(each))
                m_variant->addItem(QLatin1String(command->name), int(each));
        }
    }
    // send and recv take the flags: they come first to mind.
    m_variant->setCurrentIndex(m_variant->count() == 3 ? 1 : 0);
    showFormRows();
}

QWidget* LabCallForm::addRow(const QString& name, QWidget* editor, bool validated)
{
    Field field;
    field.editor = editor;
    field.label = new QLabel(this);
    field.row = new QWidget(this);
    // A short dock scrolls the form rather than squeeze a row out of sight.
    field.row->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    // The editor on a line, what is wrong with it below.
    auto* row = new QVBoxLayout(field.row);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    auto* line = new QHBoxLayout;
    line->addWidget(editor, 1);
    row->addLayout(line);
    if (validated) {
        field.error = new QLabel(field.row);
        field.error->setObjectName(name + QStringLiteral("Error"));
        // Broken into lines here (breakLines): a word-wrapped label's height for width
        // makes QFormLayout lose the rows around it.
        field.error->setWordWrap(false);
        QPalette palette = field.error->palette();
        palette.setColor(QPalette::WindowText, Theme::current().error);
        field.error->setPalette(palette);
        field.error->hide();
        row->addWidget(field.error);
    }
    m_layout->addRow(field.label, field.row);
    m_fields.insert(name, field);
    return field.row;
}

void LabCallForm::retranslate()
{
    const QStringList forms{QStringLiteral("socket"),
                            QStringLiteral("bind"),
                            QStringLiteral("listen"),
                            QStringLiteral("accept"),
                            QStringLiteral("connect"),
                            QStringLiteral("write / send / sendto"),
                            QStringLiteral("read / recv / recvfrom"),
                            QStringLiteral("shutdown"),
                            QStringLiteral("select / poll"),
                            QStringLiteral("getsockname / getpeername"),
                            QStringLiteral("getsockopt / setsockopt"),
                            QStringLiteral("fcntl (O_NONBLOCK)"),
                            QStringLiteral("close")};
    for (int i = 0; i < m_form->count() && i < forms.size(); ++i)
        m_form->setItemText(i, forms[i]);
    m_family->setItemText(0, tr("IPv4 (AF_INET)"));
    m_family->setItemText(1, tr("IPv6 only (AF_INET6, IPV6_V6ONLY on)"));
    m_family->setItemText(2, tr("IPv6 and IPv4 (AF_INET6, IPV6_V6ONLY off)"));
    m_family->setItemText(3, tr("Local, a file's path (AF_UNIX)"));
    nameProtocols();
    m_direction->setItemText(0, tr("in: no more reading (SHUT_RD)"));
    m_direction->setItemText(1, tr("out: no more writing, the peer reads the end (SHUT_WR)"));
    m_direction->setItemText(2, tr("both (SHUT_RDWR)"));
    m_timeout->setSpecialValueText(tr("forever (-1)"));
    m_timeout->setSuffix(tr(" ms"));
    m_payload->setItemText(0, tr("text"));
    m_payload->setItemText(1, tr("text with escapes"));
    m_payload->setItemText(2, tr("hexadecimal"));
    m_payload->setItemData(0,
                           tr("socklab's text: two spaces are CR LF, a space at the end LF, "
                              "#n n bytes '*'"),
                           Qt::ToolTipRole);
    m_payload->setItemData(1,
                           tr("C's escapes: \\n \\r \\t \\0 \\\\ \\\" \\a \\b \\f \\v \\xHH; "
                              "spaces are themselves"),
                           Qt::ToolTipRole);
    m_payload->setItemData(2, tr("hexadecimal bytes: 68 69 0a"), Qt::ToolTipRole);
    m_message->setPlaceholderText(m_payload->currentData(Qt::ToolTipRole).toString());
    m_host->setToolTip(tr("127.0.0.1 or ::1 (this machine), * (any address), or an address"));
    const QList<std::pair<QString, QString>> labels{{QStringLiteral("form"), tr("Call")},
                                                    {QStringLiteral("variant"), tr("Which")},
                                                    {QStringLiteral("socket"), tr("Socket")},
                                                    {QStringLiteral("protocol"), tr("Protocol")},
                                                    {QStringLiteral("family"), tr("Family")},
                                                    {QStringLiteral("host"), tr("Address")},
                                                    {QStringLiteral("port"), tr("Port")},
                                                    {QStringLiteral("backlog"), tr("Backlog")},
                                                    {QStringLiteral("size"), tr("Bytes to read")},
                                                    {QStringLiteral("message"), tr("Message")},
                                                    {QStringLiteral("direction"), tr("Direction")},
                                                    {QStringLiteral("waitOn"), tr("Wait on")},
                                                    {QStringLiteral("timeout"), tr("Timeout")},
                                                    {QStringLiteral("flags"), tr("Flags")}};
    for (const auto& [name, text] : labels)
        m_fields[name].label->setText(text);
    m_make->setText(tr("Make the call"));
    m_make->setToolTip(tr("The same as typing the command in the console"));
    m_options->retranslate();
    refresh();
}

void LabCallForm::setLab(LabSession* lab)
{
    m_lab = lab;
    m_options->setLab(lab);
    setEnabled(lab);
    // The forms the mode has no command for stay in the list, not chosen.
    for (int i = 0; i < m_form->count(); ++i) {
        bool available = false;
        const QVariant form = m_form->itemData(i);
        if (!form.isValid())
            continue;
        for (const LabVerb each : variantsOf(Form(form.toInt())))
            available = available || spec(each);
        m_form->setItemData(i, available ? QVariant() : QVariant(false), Qt::UserRole - 1);
    }
    fillVariants();
    refresh();
}

void LabCallForm::setForm(Form form)
{
    m_form->setCurrentIndex(m_form->findData(int(form)));
}

void LabCallForm::setVariant(int index)
{
    m_variant->setCurrentIndex(index);
}

LabVerb LabCallForm::verb() const
{
    const auto form = Form(m_form->currentData().toInt());
    if (form == Form::Socket)
        return family() == Family::IPv6Only || family() == Family::IPv6Dual ? LabVerb::Socket6
                                                                            : LabVerb::Socket;
    if (m_variant->count() > 0)
        return LabVerb(m_variant->currentData().toInt());
    return variantsOf(form).value(0, LabVerb::Help);
}

const LabCommandSpec* LabCallForm::spec(LabVerb verb) const
{
    return m_lab ? labCommand(m_lab->mode(), verb) : labCommand(LabMode::Standard, verb);
}

// Only the rows of what the chosen command takes.
void LabCallForm::showFormRows()
{
    const LabCommandSpec* command = spec(verb());
    const auto form = Form(m_form->currentData().toInt());
    QSet<QString> shown{QStringLiteral("form")};
    if (m_variant->count() > 1)
        shown << QStringLiteral("variant");
    if (form == Form::Socket)
        shown << QStringLiteral("family");
    // The flags the call takes, two a line.
    auto* grid = qobject_cast<QGridLayout*>(m_fields[QStringLiteral("flags")].editor->layout());
    int taken = 0;
    for (const auto& [flag, name] : messageFlags) {
        QCheckBox* box = m_flags.value(flag);
        const bool takes = command && command->flags.testFlag(flag);
        grid->removeWidget(box);
        if (takes) {
            grid->addWidget(box, taken / 2, taken % 2);
            ++taken;
        }
        box->setVisible(takes);
    }
    if (taken > 0)
        shown << QStringLiteral("flags");
    m_payload->setVisible(command && command->flags.testFlag(LabFlag::Hex));
    m_options->setFileFlags(form == Form::Fcntl);
    // The option forms have their own buttons: Get and Set.
    const bool ownButtons = form == Form::Options || form == Form::Fcntl;
    m_make->setVisible(!ownButtons);
    if (command) {
        for (const LabArgument argument : command->arguments)
            shown << editorFor(argument);
    }
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        it->label->setVisible(shown.contains(it.key()));
        it->row->setVisible(shown.contains(it.key()));
    }
    nameProtocols();
    showAddressRows();
    clearErrors();
    updateMake();
}

void LabCallForm::updateMake()
{
    const bool ready = m_lab && !m_lab->isBusy() && !m_lab->isAsking();
    const bool known = spec(verb()) != nullptr;
    m_make->setEnabled(ready && known);
    m_options->setSocket(m_socket->currentData().isValid() ? m_socket->currentData().toInt() : -1,
                         ready && known);
    m_notice->setText(!m_lab   ? QString()
                      : !known ? tr("This mode has no such command: open the lab in standard mode")
                      : ready  ? QString()
                               : tr("A command is running: wait, or interrupt it (Escape)"));
}

void LabCallForm::refresh()
{
    updateMake();
    if (!m_lab)
        return;
    // The current terminal's sockets, its current one chosen; the sockets checked to wait on
    // stay checked.
    QSet<int> waited;
    for (int i = 0; i < m_waitOn->count(); ++i) {
        if (m_waitOn->item(i)->checkState() == Qt::Checked)
            waited << m_waitOn->item(i)->data(Qt::UserRole).toInt();
    }
    const QSignalBlocker quiet(m_socket);
    m_socket->clear();
    m_waitOn->clear();
    for (const LabStatusRow& row : m_lab->statusRows()) {
        const QString text =
            QStringLiteral("%1  %2  %3%4")
                .arg(row.id)
                .arg(labProtocolColumn(row))
                .arg(row.local.isValid() ? row.local.endpoint() : tr("not bound"))
                .arg(row.peer.isValid() ? QString(QStringLiteral(" → ") + row.peer.endpoint())
                                        : QString());
        m_socket->addItem(text, row.id);
        auto* item = new QListWidgetItem(text, m_waitOn);
        item->setData(Qt::UserRole, row.id);
        const bool checked = waited.isEmpty() ? row.current : waited.contains(row.id);
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
    m_socket->setCurrentIndex(m_socket->findData(m_lab->currentId()));
    showAddressRows();
    updateMake(); // the option form follows the socket chosen
}

} // namespace SocketScope
