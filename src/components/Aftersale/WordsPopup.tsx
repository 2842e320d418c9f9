import { useCallback, useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { AFTERSALE_NOTE_MAX } from '@/domain/aftersale'
import type { Aftersale } from '@/domain/aftersale-schemas'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'
import FieldRow from '@/components/FieldRow'
import ChipChoice from '@/components/ChipChoice'
import SpecImages from '@/supplier/publish/form/SpecImages'
import type { DraftImage } from '@/supplier/publish/form/draft'
import './index.scss'

/** What a person says with a move: a reason from a short list, words, photos. */
export interface Words {
  reason: string
  note: string
  photos: string[]
}

/**
 * The sheet of a move that takes words (拒绝, 拒绝收货, 平台介入): a reason chip when the move has a
 * list, the note (≤ 200), and photos when the move takes them, sent through the form hook.
 */
export default function WordsPopup<I>({
  visible,
  title,
  reasons,
  noteLabel,
  withPhotos = false,
  confirmText,
  check,
  send,
  onClose,
  onDone,
}: {
  visible: boolean
  title: string
  reasons?: readonly string[]
  noteLabel: string
  withPhotos?: boolean
  confirmText: string
  check: (words: Words) => Checked<I>
  send: (input: I) => Promise<Aftersale | null>
  onClose: () => void
  onDone: (next: Aftersale) => void
}) {
  const [reason, setReason] = useState(reasons?.[0] ?? '')
  const [note, setNote] = useState('')
  const [images, setImages] = useState<DraftImage[]>([])
  const [uploading, setUploading] = useState(0)
  const form = useFormSubmit({
    check: () =>
      uploading > 0 ? { ok: false, hold: '图片还在上传，请稍候' } : check({ reason, note, photos: images.map((i) => i.fileID) }),
    send,
    done: (next) => {
      if (!next) return
      setNote('')
      setImages([])
      onDone(next)
    },
    fieldOf: (path) => String(path[0] ?? ''),
  })
  const changeImages = useCallback((change: (prev: DraftImage[]) => DraftImage[]) => setImages(change), [])
  const onBusy = useCallback((n: number) => setUploading(n), [])

  return (
    <Popup className='case-popup' visible={visible} position='bottom' round closeable title={title} onClose={onClose}>
      <View className='case-popup-body'>
        {reasons ? (
          <FieldRow name='reason' label='原因' error={form.errors.reason}>
            <ChipChoice name='case-chip' chips={reasons.map((value) => ({ value, label: value }))} value={reason} onChange={setReason} />
          </FieldRow>
        ) : null}
        <FieldRow name='note' label={noteLabel} error={form.errors.note ?? (withPhotos ? undefined : form.formError)}>
          <TextArea
            className='case-input case-note'
            value={note}
            placeholder={`最多 ${AFTERSALE_NOTE_MAX} 字`}
            maxLength={AFTERSALE_NOTE_MAX}
            onChange={setNote}
          />
        </FieldRow>
        {withPhotos ? (
          <FieldRow name='photos' label='图片凭证（选填，最多 9 张）' error={form.errors.photos ?? form.formError}>
            <SpecImages images={images} invalid={Boolean(form.errors.photos)} onImagesChange={changeImages} onBusyChange={onBusy} />
          </FieldRow>
        ) : null}
        <Button className='case-popup-confirm' type='primary' block loading={form.saving} onClick={() => void form.submit()}>
          {confirmText}
        </Button>
      </View>
    </Popup>
  )
}
