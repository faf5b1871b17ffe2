// Parsing and formatting of Qualys timestamps without locale or time-zone state.
#include "qvm/timestamp.hpp"

namespace qvm {
namespace {

bool read_digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// `YYYY-MM-DDTHH:MM:SSZ`, the form of nearly every timestamp Qualys sends (eight per
// detection): checked and converted in one pass. Anything else goes the general way.
std::optional<Timestamp> parse_utc_seconds(std::string_view t) {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || t[19] != 'Z') {
    return std::nullopt;
  }
  unsigned digits[14];
  static constexpr unsigned char kAt[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  for (size_t i = 0; i < 14; ++i) {
    digits[i] = static_cast<unsigned>(static_cast<unsigned char>(t[kAt[i]]) - '0');
    if (digits[i] > 9) return std::nullopt;
  }
  auto number = [&](size_t at, size_t count) {
    int v = 0;
    for (size_t i = at; i < at + count; ++i)
      v = v * 10 + static_cast<int>(digits[i]);
    return v;
  };
  int hour = number(8, 2), minute = number(10, 2), second = number(12, 2);
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{number(0, 4)},
                                   std::chrono::month{unsigned(number(4, 2))},
                                   std::chrono::day{unsigned(number(6, 2))}};
  if (!date.ok()) return std::nullopt;
  return Timestamp{std::chrono::sys_days{date}} + std::chrono::hours{hour} +
         std::chrono::minutes{minute} + std::chrono::seconds{second};
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  if (text.size() == 20) {
    if (auto t = parse_utc_seconds(text)) return t;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day)) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                   std::chrono::day{unsigned(day)}};
  if (!date.ok()) return std::nullopt;
  size_t pos = 10;
  int offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
    if (!read_digits(text, pos + 1, 2, hour) || text.size() < pos + 9 || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, minute) || text[pos + 6] != ':' ||
        !read_digits(text, pos + 7, 2, second)) {
      return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    pos += 9;
    if (pos < text.size() && text[pos] == '.') {  // fraction: kept to the second
      ++pos;
      size_t digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        ++pos, ++digits;
      if (digits == 0) return std::nullopt;
    }
    if (pos < text.size()) {
      char zone = text[pos];
      if (zone == 'Z' && pos + 1 == text.size()) {
        pos += 1;
      } else if ((zone == '+' || zone == '-') && text.size() == pos + 6 && text[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!read_digits(text, pos + 1, 2, oh) || !read_digits(text, pos + 4, 2, om)) {
          return std::nullopt;
        }
        offset_seconds = (oh * 3600 + om * 60) * (zone == '+' ? 1 : -1);
        pos += 6;
      } else {
        return std::nullopt;
      }
    }
  }
  if (pos != text.size()) return std::nullopt;
  auto days = std::chrono::sys_days{date};
  return Timestamp{days} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} - std::chrono::seconds{offset_seconds};
}

std::string format_timestamp(Timestamp t) {
  auto text = timestamp_chars(t);
  return std::string(text.data(), text.size());
}

std::array<char, 20> timestamp_chars(Timestamp t) {
  // Digits by hand: every record has several timestamps, and snprintf showed in the profiles.
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day date{days};
  std::chrono::hh_mm_ss time{t - days};
  std::array<char, 20> out{'0', '0', '0', '0', '-', '0', '0', '-', '0', '0',
                           'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
  auto put = [&out](size_t pos, unsigned value, size_t width) {
    for (size_t i = width; i-- > 0; value /= 10)
      out[pos + i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(static_cast<int>(date.year())), 4);
  put(5, static_cast<unsigned>(date.month()), 2);
  put(8, static_cast<unsigned>(date.day()), 2);
  put(11, static_cast<unsigned>(time.hours().count()), 2);
  put(14, static_cast<unsigned>(time.minutes().count()), 2);
  put(17, static_cast<unsigned>(time.seconds().count()), 2);
  return out;
}

}  // namespace qvm
