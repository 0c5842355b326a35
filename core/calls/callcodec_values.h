#pragma once

#include "calls/callcodec.h"
#include "calls/constants.h"

#include <QJsonArray>

// CallCodec's own parts, shared by its files: the bounds of what is read, small writing and
// reading helpers, and the codecs of the values calls carry (option values, poll sets,
// iovecs, mmsghdr lists, epoll events). Not for use outside core/calls/callcodec*.cpp.
namespace SocketScope::CallCodec {

// What a saved session or a child may send: large enough for any real call, small enough
// that a hostile file cannot make SocketScope allocate without bound.
inline constexpr qint64 maxFd = 1 << 20;
inline constexpr qsizetype maxPayload = 16 << 20;
inline constexpr qsizetype maxItems = maxListItems;
// Times in nanoseconds: two of them added stay far from overflowing.
inline constexpr qint64 maxTime = qint64(1) << 61;
inline constexpr qint64 maxInode = qint64(1) << 32;

inline QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

template <typename Value>
void put(QJsonObject& object, const char* key, const Value& value, const Value& fallback)
{
    if (value != fallback)
        object[QLatin1String(key)] = value;
}

inline void putHex(QJsonObject& object, const char* key, const QByteArray& bytes)
{
    if (!bytes.isEmpty())
        object[QLatin1String(key)] = hex(bytes);
}

// A constant by its name ("AF_INET") or number; a failure of `fields` for anything else.
int readConstant(JsonFields& fields, const char* key, ConstantKind kind);
int readFd(JsonFields& fields, const char* key);
int readInt(JsonFields& fields, const char* key);

QJsonObject optionToJson(const OptionValue& value);
OptionValue optionFromJson(JsonFields fields);
QJsonArray pollToJson(const QList<PollEntry>& entries);
QList<PollEntry> pollFromJson(JsonFields& fields, const char* key);
QJsonArray vectorToJson(const QList<IoBuffer>& buffers);
QList<IoBuffer> vectorFromJson(JsonFields& fields, const char* key);
QJsonArray messagesToJson(const QList<MultiMessage>& messages);
QList<MultiMessage> messagesFromJson(JsonFields& fields, const char* key);
QJsonObject epollToJson(const EpollEvent& event);
EpollEvent epollFromJson(JsonFields fields);

} // namespace SocketScope::CallCodec
