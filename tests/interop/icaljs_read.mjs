// Reads an iCalendar feed from stdin with ical.js, as Thunderbird and web calendars
// do, and prints what it understood as JSON: the calendar's names and each event's
// UID, summary, status and its start and end in UTC.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      status: vevent.getFirstPropertyValue("status"),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
  process.stdout.write(
    JSON.stringify({
      name: calendar.getFirstPropertyValue("name"),
      calname: calendar.getFirstPropertyValue("x-wr-calname"),
      events,
    }),
  );
});
