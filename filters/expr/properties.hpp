// Frame properties as Expr programs read them (`x.Name`): how a property that is a string
// becomes a number, and what a property that a frame lacks reads as.
//
// Strings (akarin's "first-byte-of-bytes-property"): a string (data) property reads as
// the code of its first byte, as akarin.Expr and akarin.Select do (`vsapi->propGetData(...)[0]`,
// a C `char`, signed on x86): `x._PictType` is 73 for "I", 80 for "P", 66 for "B"; an
// empty string reads 0; a first byte of 0x80 or more reads byte - 256 (-128 ... -1).
//
// Missing properties (rigor, issue 16): a property a frame does not have is an error that
// names the property, the clip and the frame, unless a default is given for its name or
// for every name.  (akarin.Expr reads NaN there, which an integer store turns into 0
// silently; akarin.Select reads 0.  Both can be asked for as defaults.)
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rigor::expr {

// The number a string property reads as (see above).
double string_property_value(std::string_view text) noexcept;

// What a property that a frame lacks reads as.
struct MissingProperties {
    std::map<std::string, double, std::less<>> defaults;  // by property name, for every clip
    std::optional<double> otherwise;                      // every other name; none: an error
    // Appended to the error (a front end says how to give the property or a default).
    std::string hint;

    // The value for a property that clip `clip` lacks on frame `frame`; throws
    // rigor::UserError naming it (and `reader`, e.g. "the expression of plane 0") when
    // there is no default.
    double value_for(std::string_view name, int clip, long frame, std::string_view reader) const;
};

// The value of MissingProperties::otherwise that a mode word names: "error" (none: a
// missing property is an error), "nan" (akarin.Expr's rule) or "zero" (akarin.Select's).
// The one parser of the mode for every front end; throws rigor::UserError naming `option`
// (the front end's name of the setting: "--missing-props", "missing_props").
std::optional<double> missing_properties_mode(std::string_view mode, std::string_view option);

// Looks `name` up in one frame's properties (a map from name to number), else
// missing.value_for(...).
template <class Properties>
double read_property(const Properties& properties, std::string_view name, int clip, long frame,
                     const MissingProperties& missing, std::string_view reader) {
    auto it = properties.find(name);
    return it != properties.end() ? double(it->second) : missing.value_for(name, clip, frame, reader);
}

}  // namespace rigor::expr
