#include "packetpanel.h"

#include "packetlistmodel.h"
#include "sequencediagramview.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace SocketScope {

PacketPanel::PacketPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    m_source = new QLabel(this);
    m_source->setWordWrap(true);
    m_source->setTextFormat(Qt::RichText);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse); // to copy the command
    header->addWidget(m_source, 1);
    m_relative = new QCheckBox(tr("Relative seq/ack"), this);
    m_relative->setChecked(true);
    m_relative->setToolTip(tr("Count sequence numbers from each side's first one, as "
                              "Wireshark does; off: the numbers on the wire"));
    header->addWidget(m_relative);
    layout->addLayout(header);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_diagram = new SequenceDiagramView(splitter);
    m_diagram->setAccessibleName(tr("Sequence diagram"));
    m_model = new PacketListModel(this);
    m_list = new QTableView(splitter);
    m_list->setModel(m_model);
    m_list->setAccessibleName(tr("Packet list"));
    m_list->verticalHeader()->hide();
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setWordWrap(false);
    // Every column as wide as its header and its contents; the long Info last, taking what
    // is left (its whole text in a tooltip), so that a narrow panel scrolls, never squeezes.
    QHeaderView* columns = m_list->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->setResizeContentsPrecision(0); // the rows in view, not a thousand per packet
    columns->moveSection(columns->visualIndex(PacketListModel::InfoColumn),
                         PacketListModel::ColumnCount - 1);
    columns->setSectionResizeMode(PacketListModel::InfoColumn, QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    splitter->addWidget(m_diagram);
    splitter->addWidget(m_list);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    fitListToFont();
    layout->addWidget(splitter, 1);

    connect(m_relative, &QCheckBox::toggled, this, [this](bool relative) {
        m_diagram->setRelativeNumbers(relative);
        m_model->setRelativeNumbers(relative);
    });
    connect(m_diagram, &SequenceDiagramView::packetClicked, this, [this](qint64 seq) {
        selectPacket(seq);
        Q_EMIT packetClicked(seq);
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid() || m_selecting)
                    return;
                const qint64 seq = m_model->packet(current.row()).seq;
                m_diagram->selectPacket(seq);
                Q_EMIT packetClicked(seq);
            });
    setSource(false, false, QString(), QString());
}

void PacketPanel::setSource(bool starting, bool captured, const QString& reason,
                            const QString& enableCommand)
{
    m_sourceState.starting = starting;
    m_sourceState.captured = captured;
    m_sourceState.reason = reason;
    m_sourceState.enableCommand = enableCommand;
    showSource();
}

void PacketPanel::setCapturedInterfaces(const QStringList& interfaces, const QString& refused)
{
    if (m_sourceState.interfaces == interfaces && m_sourceState.refusedInterfaces == refused)
        return;
    m_sourceState.interfaces = interfaces;
    m_sourceState.refusedInterfaces = refused;
    showSource();
}

void PacketPanel::setLocalOnly(bool localOnly)
{
    if (m_sourceState.localOnly == localOnly)
        return;
    m_sourceState.localOnly = localOnly;
    m_diagram->setEmptyText(localOnly ? tr("AF_UNIX sockets put no packet on any wire: the "
                                           "kernel copies the bytes from one socket to the "
                                           "other inside the machine.")
                                      : QString());
    showSource();
}

// The interfaces the helper would not capture on: the packets there are not shown at all.
QString PacketPanel::refusedText(const QString& refused)
{
    if (refused.isEmpty())
        return {};
    return QStringLiteral("<br>") +
           tr("Packets not captured, and not shown, on: %1").arg(refused.toHtmlEscaped());
}

void PacketPanel::showSource()
{
    const Source& s = m_sourceState;
    if (s.localOnly) {
        m_source->setText(tr("<b>No packets</b>: this session's sockets are AF_UNIX ones, which "
                             "do not use the network. There is nothing to capture, not even "
                             "on loopback, and nothing to infer."));
    } else if (s.starting) {
        m_source->setText(tr("Starting the capture…"));
    } else if (s.captured && s.interfaces.isEmpty()) {
        m_source->setText(tr("<b>Captured</b>: the real packets of this session, on loopback.") +
                          refusedText(s.refusedInterfaces));
    } else if (s.captured) {
        m_source->setText(
            tr("<b>Captured</b>: the real packets of this session, on loopback and on %1 "
               "(packets to and from other machines).")
                .arg(s.interfaces.join(QLatin1String(", ")).toHtmlEscaped()) +
            refusedText(s.refusedInterfaces));
    } else if (s.reason.isEmpty()) {
        m_source->setText(tr("<b>Inferred</b> packets: capture is off, so each packet is "
                             "deduced from the calls (dashed, marked \"inferred\")."));
    } else if (s.enableCommand.isEmpty()) {
        m_source->setText(tr("<b>Inferred</b> packets (dashed, marked \"inferred\"): %1")
                              .arg(s.reason.toHtmlEscaped()));
    } else {
        m_source->setText(
            tr("<b>Inferred</b> packets (dashed, marked \"inferred\"): %1<br>To capture the "
               "real packets, run once: <tt>%2</tt>")
                .arg(s.reason.toHtmlEscaped(), s.enableCommand.toHtmlEscaped()));
    }
}

void PacketPanel::fitListToFont()
{
    const int line = fontMetrics().height();
    QHeaderView* columns = m_list->horizontalHeader();
    columns->setMinimumSectionSize(
        fontMetrics().horizontalAdvance(
            m_model->headerData(PacketListModel::InfoColumn, Qt::Horizontal).toString()) +
        line);
    m_list->verticalHeader()->setDefaultSectionSize(line + 8);
    m_list->setMinimumHeight(listRowsShown * (line + 8) + 2 * line +
                             m_list->horizontalScrollBar()->sizeHint().height() +
                             2 * m_list->frameWidth());
}

void PacketPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitListToFont();
}

QString PacketPanel::sourceText() const
{
    return m_source->text();
}

void PacketPanel::setActorNames(const QHash<QString, QString>& names)
{
    m_diagram->setActorNames(names);
}

void PacketPanel::setPackets(const QList<PacketEvent>& packets, const QList<int>& visible,
                             qint64 originNs)
{
    m_diagram->setPackets(packets, visible, originNs);
    m_model->setPackets(packets, visible, originNs);
    // The header sizes its columns to the rows there were; new rows may be wider.
    const QAbstractItemView* cells = m_list; // where sizeHintForColumn() is public
    for (int column = 0; column < PacketListModel::ColumnCount; ++column) {
        if (column != PacketListModel::InfoColumn &&
            m_list->horizontalHeader()->sectionSize(column) < cells->sizeHintForColumn(column))
            m_list->resizeColumnToContents(column);
    }
}

void PacketPanel::highlightCall(qint64 callSeq)
{
    m_diagram->highlightCall(callSeq);
}

void PacketPanel::selectPacket(qint64 packetSeq)
{
    m_diagram->selectPacket(packetSeq);
    const int row = m_model->rowOfPacket(packetSeq);
    if (row < 0) {
        m_list->clearSelection();
        return;
    }
    m_selecting = true; // selected from outside: not a click to report
    m_list->selectRow(row);
    m_list->scrollTo(m_model->index(row, 0));
    m_selecting = false;
}

} // namespace SocketScope
