#include "AttachmentRef.h"

QString AttachmentRef::toString() const
{
    return entity.toString() + QLatin1Char('/') + name;
}

std::optional<AttachmentRef> AttachmentRef::fromString(const QString& text)
{
    const qsizetype slash = text.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0)
        return std::nullopt;
    const auto entity = EntityRef::fromString(text.left(slash));
    const QString name = text.mid(slash + 1);
    if (!entity || name.isEmpty())
        return std::nullopt;
    return AttachmentRef { *entity, name };
}
