#include "EntityRef.h"

QString EntityRef::toString() const
{
    return EntityTypes::urlName(type) + QLatin1Char('/') + id;
}

std::optional<EntityRef> EntityRef::fromString(const QString& text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return std::nullopt;
    const auto type = EntityTypes::fromName(text.left(slash));
    const QString id = text.mid(slash + 1);
    if (!type || id.isEmpty() || id.contains(QLatin1Char('/')))
        return std::nullopt;
    return EntityRef { *type, id };
}
