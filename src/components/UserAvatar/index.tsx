import { Avatar } from '@nutui/nutui-react-taro'
import defaultAvatar from '@/assets/default-avatar.png'

/** A user's avatar, or the default one when they have not chosen any. */
export default function UserAvatar({ url, size, className }: { url: string; size: string; className?: string }) {
  return (
    <Avatar
      className={`${className ?? ''}${url ? '' : ' avatar-default'}`}
      size={size}
      src={url || (defaultAvatar as string)}
      mode='aspectFill'
    />
  )
}
