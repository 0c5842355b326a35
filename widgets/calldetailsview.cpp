#include "calldetailsview.h"

#include "calls/displaytext.h"

#include <QResizeEvent>

namespace SocketScope {

CallDetailsView::CallDetailsView(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(4, 2, 4, 2);
    setAccessibleName(tr("The call in full"));
}

QString CallDetailsView::html(const CallEvent& call, const QString& actorName)
{
    const QString actor = actorName.isEmpty() ? call.actor : actorName;
    QString html = QStringLiteral("<b>%1</b>&nbsp; <tt>%2</tt>")
                       .arg(actor.toHtmlEscaped(), call.displayLine().toHtmlEscaped());
    if (call.error != 0) {
        const ErrnoInfo error = call.errorInfo();
        html += QStringLiteral("<br><b>%1</b>: %2")
                    .arg(error.name.toHtmlEscaped(), error.explanation.toHtmlEscaped());
    }
    if (call.bytesNotKept > 0) {
        html += QStringLiteral("<br><i>%1</i>")
                    .arg(tr("%1: the log keeps the first bytes of a long stream, and every count.")
                             .arg(DisplayText::notKept(call.bytesNotKept))
                             .toHtmlEscaped());
    }
    return html;
}

void CallDetailsView::setCall(const CallEvent* call, const QString& actorName)
{
    setText(call ? html(*call, actorName) : QString());
    updateGeometry();
}

QSize CallDetailsView::minimumSizeHint() const
{
    // Main window docks do not ask for a height for a width: say it here, for this width.
    return {QLabel::minimumSizeHint().width(), heightForWidth(qMax(width(), 1))};
}

void CallDetailsView::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        updateGeometry();
}

} // namespace SocketScope
