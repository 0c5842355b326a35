#include "stagescene.h"

namespace SocketScope {

int StageScene::textAt(const QPointF& point) const
{
    for (qsizetype i = texts.size() - 1; i >= 0; --i) {
        if (texts[i].rect.contains(point))
            return int(i);
    }
    return -1;
}

int StageScene::endpointAt(const QPointF& point) const
{
    const int text = textAt(point);
    if (text >= 0 &&
        (texts[text].kind == StageText::Kind::Label || texts[text].kind == StageText::Kind::Badge))
        return texts[text].owner;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (cells[i].icon.contains(point) || cells[i].waitingLine.contains(point))
            return int(i);
    }
    return -1;
}

} // namespace SocketScope
