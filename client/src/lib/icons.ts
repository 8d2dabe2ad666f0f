// The app's pictures: SVG icons from lucide (never emoji, which look different on every device
// or are missing). Each icon is imported by its own path, so the bundle holds only these.
// An icon is decoration: render it with aria-hidden and let visible words say what it means.
export type { LucideIcon as Icon } from 'lucide-react';
export { default as AlertIcon } from 'lucide-react/icons/triangle-alert';
export { default as CalendarClockIcon } from 'lucide-react/icons/calendar-clock';
export { default as ChartIcon } from 'lucide-react/icons/chart-column';
export { default as ChevronDownIcon } from 'lucide-react/icons/chevron-down';
export { default as DoorOpenIcon } from 'lucide-react/icons/door-open';
export { default as EyeIcon } from 'lucide-react/icons/eye';
export { default as EyeOffIcon } from 'lucide-react/icons/eye-off';
export { default as FiltersIcon } from 'lucide-react/icons/sliders-horizontal';
export { default as HandIcon } from 'lucide-react/icons/hand';
export { default as HeadphonesIcon } from 'lucide-react/icons/headphones';
export { default as HeartIcon } from 'lucide-react/icons/heart';
export { default as LaughIcon } from 'lucide-react/icons/laugh';
export { default as LeaveIcon } from 'lucide-react/icons/log-out';
export { default as LockIcon } from 'lucide-react/icons/lock';
export { default as MapPinIcon } from 'lucide-react/icons/map-pin';
export { default as MessageIcon } from 'lucide-react/icons/message-square';
export { default as MicIcon } from 'lucide-react/icons/mic';
export { default as MicOffIcon } from 'lucide-react/icons/mic-off';
export { default as OrderIcon } from 'lucide-react/icons/list-ordered';
export { default as PartyIcon } from 'lucide-react/icons/party-popper';
export { default as ScreenShareIcon } from 'lucide-react/icons/screen-share';
export { default as SmileIcon } from 'lucide-react/icons/smile';
export { default as ThumbsUpIcon } from 'lucide-react/icons/thumbs-up';
export { default as TimerIcon } from 'lucide-react/icons/timer';
export { default as UsersIcon } from 'lucide-react/icons/users';
export { default as VideoIcon } from 'lucide-react/icons/video';
export { default as VideoOffIcon } from 'lucide-react/icons/video-off';
export { default as WifiOffIcon } from 'lucide-react/icons/wifi-off';
