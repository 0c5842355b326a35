#pragma once

#include "calls/callevent.h"

#include <QLabel>

namespace SocketScope {

// The call at the cursor in full, below the call list: the whole strace line with its result,
// and its errno's whole explanation, wrapped to the width and as tall as they need, where a
// row of the list is too narrow for them.
class CallDetailsView : public QLabel {
    Q_OBJECT
public:
    explicit CallDetailsView(QWidget* parent = nullptr);

    // nullptr: before the first call. The actor is named in the views' language.
    void setCall(const CallEvent* call, const QString& actorName = QString());
    static QString html(const CallEvent& call, const QString& actorName);

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
};

} // namespace SocketScope
