#include "exporter.h"

#include "byteorderview.h"
#include "log/tcpstatelog.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "sequencediagrampainter.h"
#include "sequencediagramview.h"
#include "tcpstatemachineview.h"
#include "theme.h"
#include "tuplecardsview.h"

#include <QDir>
#include <QFontMetricsF>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QVBoxLayout>

#include <functional>

namespace SocketScope {

namespace {

// A picture is zoomed at most this much: a panel with little in it does not become a poster.
constexpr qreal largestZoom = 3.0;
constexpr qreal smallestZoom = 0.75;

// The largest zoom in [low, high] at which `fits` holds (low when none does).
qreal largestFitting(qreal low, qreal high, const std::function<bool(qreal)>& fits)
{
    if (fits(high))
        return high;
    for (int i = 0; i < 12; ++i) {
        const qreal middle = (low + high) / 2;
        (fits(middle) ? low : high) = middle;
    }
    return low;
}

QSize logicalSize(QSize size, qreal zoom)
{
    return (QSizeF(size) / zoom).toSize();
}

// A text panel's zoom: the largest at which its whole document fits the picture, with no
// word broken (a table too narrow for an address grows wider than the picture).
qreal fitText(QTextEdit& text, QSize size)
{
    text.setWordWrapMode(QTextOption::WordWrap);
    return largestFitting(smallestZoom, largestZoom, [&](qreal zoom) {
        const QSize room = logicalSize(size, zoom);
        std::unique_ptr<QTextDocument> document(text.document()->clone());
        QTextOption option = document->defaultTextOption();
        option.setWrapMode(QTextOption::WordWrap);
        document->setDefaultTextOption(option);
        document->setTextWidth(room.width());
        return document->size().width() <= room.width() &&
               document->size().height() <= room.height();
    });
}

void prepareScrollArea(QAbstractScrollArea& area)
{
    area.setFrameShape(QFrame::NoFrame);
    area.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    area.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

// The socket the state machine shows: the one the call at the cursor acted on (the new one
// for accept), else the newest TCP socket; -1 when there is none.
int tcpEndpointShown(const StageState& stage, const CallEvent* call)
{
    const auto isTcp = [&](int index) {
        return index >= 0 && stage.endpoints.at(index).tcpState.has_value();
    };
    if (call) {
        const int index = stage.indexOf(call->actor, call->resultFd());
        if (isTcp(index))
            return index;
    }
    for (int index = int(stage.endpoints.size()) - 1; index >= 0; --index) {
        if (isTcp(index))
            return index;
    }
    return -1;
}

} // namespace

Exporter::Exporter(const LogPresenter& presenter, const Options& options)
    : m_presenter(presenter)
    , m_options(options)
{
}

Exporter::Picture Exporter::picture(ExportPanel panel, QSize size) const
{
    Picture picture;
    picture.widget = std::make_unique<QWidget>();
    QWidget& root = *picture.widget;
    root.setAttribute(Qt::WA_DontShowOnScreen);
    // Pictures are in the window's theme (light unless the user chose dark, or --theme),
    // whatever the desktop's own colours: the theme's whole palette, not the desktop's.
    root.setPalette(Theme::current().palette());
    root.setBackgroundRole(QPalette::Base);
    root.setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(&root);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    switch (panel) {
    case ExportPanel::Stage:
        picture.zoom = fillStage(root);
        break;
    case ExportPanel::Diagram:
        picture.zoom = fillDiagram(root, size);
        break;
    case ExportPanel::Tuples:
        picture.zoom = fillTuples(root, size);
        break;
    case ExportPanel::Bytes:
        picture.zoom = fillBytes(root, size);
        break;
    case ExportPanel::States:
        picture.zoom = fillStates(root, size);
        break;
    }
    root.resize(logicalSize(size, picture.zoom));
    root.show();
    layout->activate();
    return picture;
}

qreal Exporter::fillStage(QWidget& root) const
{
    // The stage scales itself to its size.
    auto* stage = new StageView(&root);
    stage->setAnimationDuration(0); // the picture shows the step, not half-way to it
    const LogPresenter::Actors actors = m_presenter.actors();
    stage->setActors(actors.ids, actors.names);
    stage->setViewMode(m_options.viewMode);
    stage->setState(m_presenter.stageAtCursor());
    root.layout()->addWidget(stage);
    return 1;
}

qreal Exporter::fillDiagram(QWidget& root, QSize size) const
{
    auto* diagram = new SequenceDiagramView(&root);
    prepareScrollArea(*diagram);
    diagram->setRelativeNumbers(m_options.relativeNumbers);
    diagram->setActorNames(m_presenter.actors().namesById());
    root.layout()->addWidget(diagram);
    const EventLog* log = m_presenter.log();
    if (!log)
        return 1;
    const QList<int> visible = log->packetsVisibleAt(m_presenter.cursor()->position());
    const SequenceDiagramModel model(log->packets(), visible, 0);
    SequenceDiagramMetrics metrics = SequenceDiagramPainter::metricsFor(diagram->font());
    // A picture has the room to name each endpoint whole, with its socket.
    QFont bold = diagram->font();
    bold.setBold(true);
    metrics.minimumSpacing =
        qMax(metrics.minimumSpacing,
             QFontMetricsF(bold).horizontalAdvance(QStringLiteral("127.0.0.1:65535 · server")));
    // As large as the packets up to the cursor allow; when there are too many, the picture
    // shows those of the call at the cursor, as the window does.
    const qreal zoom = largestFitting(smallestZoom, largestZoom, [&](qreal factor) {
        const QSize room = logicalSize(size, factor);
        const SequenceDiagramLayout layout(model.lifelineCount(), model.rowCount(), room.width(),
                                           metrics);
        return layout.width() <= room.width() && layout.height() <= room.height();
    });
    // Scrolling to the call's packets needs the viewport's final size.
    root.resize(logicalSize(size, zoom));
    root.show();
    root.layout()->activate();
    diagram->setPackets(log->packets(), visible, m_presenter.packetTimeOrigin());
    const CallEvent* call = m_presenter.callAtCursor();
    diagram->highlightCall(call ? call->seq : -1);
    return zoom;
}

qreal Exporter::fillTuples(QWidget& root, QSize size) const
{
    auto* cards = new TupleCardsView(&root);
    prepareScrollArea(*cards);
    const LogPresenter::Actors actors = m_presenter.actors();
    cards->setActors(actors.ids, actors.names);
    cards->setState(m_presenter.stageAtCursor());
    root.layout()->addWidget(cards);
    return fitText(*cards, size);
}

qreal Exporter::fillBytes(QWidget& root, QSize size) const
{
    auto* bytes = new ByteOrderView(&root);
    prepareScrollArea(*bytes);
    const CallEvent* call = m_presenter.callAtCursor();
    bytes->setCall(call ? std::optional<CallEvent>(*call) : std::nullopt);
    root.layout()->addWidget(bytes);
    return fitText(*bytes, size);
}

qreal Exporter::fillStates(QWidget& root, QSize size) const
{
    auto* caption = new QLabel(&root);
    caption->setWordWrap(true);
    caption->setTextFormat(Qt::PlainText);
    caption->setMargin(8);
    auto* machine = new TcpStateMachineView(&root);
    caption->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    root.layout()->addWidget(caption);
    root.layout()->addWidget(machine);
    caption->setText(statesCaption(*machine));
    // As large as the picture allows with the events and actions still written on the arrows.
    const auto labelsFit = [&](qreal zoom) {
        const QSize room = logicalSize(size, zoom);
        machine->resize(room.width(), room.height() - caption->heightForWidth(room.width()));
        return machine->labelsShown();
    };
    if (labelsFit(1))
        return largestFitting(1, largestZoom, labelsFit);
    const QSize hint = machine->sizeHint();
    return std::clamp(
        qMin(qreal(size.width()) / hint.width(), qreal(size.height()) / hint.height()),
        smallestZoom, largestZoom);
}

QString Exporter::statesCaption(TcpStateMachineView& machine) const
{
    const StageState stage = m_presenter.stageAtCursor();
    const int shown = tcpEndpointShown(stage, m_presenter.callAtCursor());
    if (shown < 0 || !m_presenter.log())
        return tr("No TCP socket at this step.");
    const StageEndpoint& endpoint = stage.endpoints.at(shown);
    const LogPresenter::Actors actors = m_presenter.actors();
    const int actor = int(actors.ids.indexOf(endpoint.actor));
    const QString owner = actor >= 0 ? actors.names.at(actor) : endpoint.actor;
    QList<TcpState> trace;
    if (endpoint.local.isValid()) {
        for (const LoggedTcpState& state :
             tcpStatesFromLog(*m_presenter.log(), stage.cursor, endpoint.local, endpoint.peer))
            trace.append(state.state);
    }
    // A socket without an address yet has no history in the log: only its state now.
    if (trace.isEmpty())
        trace.append(*endpoint.tcpState);
    machine.setCurrentState(trace.last());
    machine.setTrace(trace.mid(qMax(0, int(trace.size()) - TcpStateMachineView::maximumTrace)));
    if (!endpoint.local.isValid())
        return tr("%1, descriptor %2: no address yet").arg(owner).arg(endpoint.fd);
    if (!endpoint.peer.isValid())
        return tr("%1, descriptor %2: %3")
            .arg(owner)
            .arg(endpoint.fd)
            .arg(endpoint.local.endpoint());
    return tr("%1, descriptor %2: %3 \u2194 %4")
        .arg(owner)
        .arg(endpoint.fd)
        .arg(endpoint.local.endpoint(), endpoint.peer.endpoint());
}

bool Exporter::write(ExportPanel panel, ExportFormat format, const QString& path, QSize size,
                     QString* error) const
{
    if (size.isEmpty())
        size = defaultExportSize(panel);
    QSaveFile file(path);
    const auto fail = [&] {
        if (error)
            *error = tr("Could not write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail();
    const Picture picture = this->picture(panel, size);
    const auto draw = [&](QPainter& painter) {
        painter.scale(picture.zoom, picture.zoom);
        picture.widget->render(&painter);
    };
    switch (format) {
    case ExportFormat::Png: {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Theme::current().background);
        QPainter painter(&image);
        draw(painter);
        painter.end();
        if (!image.save(&file, "PNG"))
            return fail();
        break;
    }
    case ExportFormat::Svg: {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        // Text is laid out as on screen: the same dots per inch.
        generator.setResolution(picture.widget->logicalDpiY());
        generator.setTitle(exportPanelTitle(panel));
        generator.setDescription(tr("Made with SocketScope"));
        QPainter painter(&generator);
        draw(painter);
        painter.end();
        break;
    }
    }
    return file.commit() || fail();
}

} // namespace SocketScope
